"""One module per screen; UI only."""
