"""Texts of the staff sign-in with the county's identity provider (issue 15), in Finnish,
Swedish and English side by side.

`STAFF_IDENTITY_TEXTS[lang][key]`; every language has the same keys. A refusal says what
happened and what the person can do (`staff_identity.refused.<StaffRefusal>`).
"""

STAFF_IDENTITY_TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "staff_identity.heading": "Työntekijät",
        "staff_identity.button": "Kirjaudu hyvinvointialueen tunnuksella",
        "staff_identity.button_test": "Kirjaudu hyvinvointialueen tunnuksella (testi)",
        "staff_identity.link_lead": (
            "Yhdistät hyvinvointialueen tunnuksesi Perhetyö-tiliisi. Vahvista se kerran "
            "todennussovelluksesi koodilla."
        ),
        "staff_identity.refused.no_group": (
            "Hyvinvointialueen tunnuksesi ei kerro käyttäjäryhmääsi, joten et pääse Perhetyöhön. "
            "Pyydä pääkäyttäjää lisäämään sinut perhetyön ryhmään."
        ),
        "staff_identity.refused.unknown_group": (
            "Hyvinvointialueen tunnuksesi ei kuulu perhetyön käyttäjäryhmään, joten et pääse "
            "Perhetyöhön. Pyydä pääkäyttäjää lisäämään sinut oikeaan ryhmään."
        ),
        "staff_identity.refused.deactivated": (
            "Perhetyön käyttäjätunnuksesi on poistettu käytöstä. Kysy esihenkilöltäsi."
        ),
        "staff_identity.refused.no_email": (
            "Hyvinvointialueen tunnuksestasi puuttuu sähköpostiosoite, joten tiliä ei voitu "
            "luoda. Pyydä pääkäyttäjää lisäämään se."
        ),
        "staff_identity.refused.account_exists": (
            "Sähköpostiosoitteesi on jo toisen Perhetyö-tilin käytössä, eikä tunnusta voi "
            "yhdistää siihen. Kysy esihenkilöltäsi."
        ),
        "staff_identity.refused.no_second_factor": (
            "Sinulla on jo Perhetyö-tili. Kirjaudu kerran sähköpostilla ja salasanalla ja ota "
            "todennussovellus käyttöön; sen jälkeen voit yhdistää hyvinvointialueen tunnuksen."
        ),
        "log.sign_in_county": "kirjautui hyvinvointialueen tunnuksella",
    },
    "sv": {
        "staff_identity.heading": "Personal",
        "staff_identity.button": "Logga in med välfärdsområdets konto",
        "staff_identity.button_test": "Logga in med välfärdsområdets konto (test)",
        "staff_identity.link_lead": (
            "Du kopplar ditt konto hos välfärdsområdet till ditt konto i Familjearbete. "
            "Bekräfta en gång med koden från din autentiseringsapp."
        ),
        "staff_identity.refused.no_group": (
            "Ditt konto hos välfärdsområdet anger inte din användargrupp, så du får inte "
            "tillgång till Familjearbete. Be huvudanvändaren lägga till dig i familjearbetets "
            "grupp."
        ),
        "staff_identity.refused.unknown_group": (
            "Ditt konto hos välfärdsområdet hör inte till familjearbetets användargrupp, så du "
            "får inte tillgång. Be huvudanvändaren lägga till dig i rätt grupp."
        ),
        "staff_identity.refused.deactivated": (
            "Ditt användarkonto i Familjearbete har inaktiverats. Fråga din förman."
        ),
        "staff_identity.refused.no_email": (
            "Ditt konto hos välfärdsområdet saknar e-postadress, så inget konto kunde skapas. "
            "Be huvudanvändaren lägga till den."
        ),
        "staff_identity.refused.account_exists": (
            "Din e-postadress används redan av ett annat konto i Familjearbete och kontot kan "
            "inte kopplas till det. Fråga din förman."
        ),
        "staff_identity.refused.no_second_factor": (
            "Du har redan ett konto i Familjearbete. Logga in en gång med e-post och lösenord "
            "och ta autentiseringsappen i bruk; därefter kan du koppla välfärdsområdets konto."
        ),
        "log.sign_in_county": "loggade in med välfärdsområdets konto",
    },
    "en": {
        "staff_identity.heading": "Staff",
        "staff_identity.button": "Sign in with the county's account",
        "staff_identity.button_test": "Sign in with the county's account (test)",
        "staff_identity.link_lead": (
            "You are linking your county account to your Perhetyö account. Confirm it once "
            "with the code from your authenticator app."
        ),
        "staff_identity.refused.no_group": (
            "Your county account does not say which user group you belong to, so you have no "
            "access to Perhetyö. Ask the administrator to add you to the family work group."
        ),
        "staff_identity.refused.unknown_group": (
            "Your county account is not in a family work user group, so you have no access to "
            "Perhetyö. Ask the administrator to add you to the right group."
        ),
        "staff_identity.refused.deactivated": (
            "Your Perhetyö account has been deactivated. Ask your supervisor."
        ),
        "staff_identity.refused.no_email": (
            "Your county account has no e-mail address, so no account could be made. Ask the "
            "administrator to add one."
        ),
        "staff_identity.refused.account_exists": (
            "Your e-mail address already belongs to another Perhetyö account, and your county "
            "account cannot be linked to it. Ask your supervisor."
        ),
        "staff_identity.refused.no_second_factor": (
            "You already have a Perhetyö account. Sign in once with your e-mail and password "
            "and set up the authenticator app; after that you can link your county account."
        ),
        "log.sign_in_county": "signed in with the county's account",
    },
}
