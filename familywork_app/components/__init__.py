"""Small reusable UI functions."""
