"""The accessibility statement (saavutettavuusseloste), which the Act on the Provision of Digital
Services (306/2019) requires of a public service, in Finnish, Swedish and English.

`A11Y_TEXTS[lang][key]`; every language has the same keys. The supervisory authority's contact
details are those of the Regional State Administrative Agency for Southern Finland.
"""

STATEMENT_DATE = "27.11.2026"
FEEDBACK_EMAIL = "perhetyo@kainuu.fi"
AUTHORITY_WEB = "https://www.saavutettavuusvaatimukset.fi"
AUTHORITY_EMAIL = "saavutettavuus@avi.fi"
AUTHORITY_PHONE = "0295 016 000"

A11Y_TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "a11y.link": "Saavutettavuusseloste",
        "a11y.title": "Saavutettavuusseloste",
        "a11y.intro": "Tämä seloste koskee Kainuun hyvinvointialueen Perhetyö-sovellusta. Haluamme, että jokainen voi käyttää palvelua, myös näytönlukijalla, pelkällä näppäimistöllä ja suurennetulla tekstillä.",
        "a11y.status.heading": "Palvelun saavutettavuuden tila",
        "a11y.status.p1": "Palvelu täyttää WCAG 2.1 -ohjeiden A- ja AA-tason vaatimukset. Emme tiedä palvelussa olevan saavutettavuuspuutteita.",
        "a11y.tested.heading": "Miten saavutettavuus on arvioitu",
        "a11y.tested.p1": "Jokainen sivu tarkistetaan automaattisilla testeillä (axe) suomeksi, ruotsiksi ja englanniksi sekä puhelimen että tabletin kokoisella näytöllä aina, kun palvelua muutetaan. Testit käyttävät palvelua myös pelkällä näppäimistöllä ja 200 % tekstikoolla. Kaavioiden ja karttojen tiedot ovat myös taulukkoina näytönlukijalle.",
        "a11y.feedback.heading": "Anna palautetta saavutettavuudesta",
        "a11y.feedback.p1": "Huomasitko puutteen? Kerro siitä meille, niin korjaamme sen. Voit myös pyytää tietoa muussa muodossa.",
        "a11y.feedback.email": "Sähköposti",
        "a11y.authority.heading": "Valvontaviranomainen",
        "a11y.authority.p1": "Jos et ole tyytyväinen saamaasi vastaukseen, voit tehdä ilmoituksen Etelä-Suomen aluehallintovirastoon.",
        "a11y.authority.phone": "Puhelin (vaihde)",
        "a11y.date": "Seloste on laadittu {date}.",
    },
    "sv": {
        "a11y.link": "Tillgänglighetsutlåtande",
        "a11y.title": "Tillgänglighetsutlåtande",
        "a11y.intro": "Detta utlåtande gäller Kajanalands välfärdsområdes app Familjearbete. Vi vill att alla ska kunna använda tjänsten, också med skärmläsare, med enbart tangentbord och med förstorad text.",
        "a11y.status.heading": "Tjänstens tillgänglighet",
        "a11y.status.p1": "Tjänsten uppfyller kraven på nivå A och AA i WCAG 2.1. Vi känner inte till några brister i tillgängligheten.",
        "a11y.tested.heading": "Hur tillgängligheten har bedömts",
        "a11y.tested.p1": "Varje sida kontrolleras med automatiska tester (axe) på finska, svenska och engelska, på en skärm i telefon- och surfplattestorlek, varje gång tjänsten ändras. Testerna använder också tjänsten med enbart tangentbord och med 200 % textstorlek. Uppgifterna i diagram och kartor finns också som tabeller för skärmläsare.",
        "a11y.feedback.heading": "Ge respons om tillgängligheten",
        "a11y.feedback.p1": "Har du märkt en brist? Berätta för oss så rättar vi den. Du kan också be om uppgifterna i en annan form.",
        "a11y.feedback.email": "E-post",
        "a11y.authority.heading": "Tillsynsmyndighet",
        "a11y.authority.p1": "Om du inte är nöjd med svaret kan du göra en anmälan till Regionförvaltningsverket i Södra Finland.",
        "a11y.authority.phone": "Telefon (växel)",
        "a11y.date": "Utlåtandet är upprättat {date}.",
    },
    "en": {
        "a11y.link": "Accessibility statement",
        "a11y.title": "Accessibility statement",
        "a11y.intro": "This statement covers the Kainuu wellbeing services county's Family work app. We want everyone to be able to use the service, including with a screen reader, with a keyboard alone and with enlarged text.",
        "a11y.status.heading": "How accessible the service is",
        "a11y.status.p1": "The service meets the level A and AA requirements of WCAG 2.1. We know of no accessibility problems in it.",
        "a11y.tested.heading": "How accessibility has been assessed",
        "a11y.tested.p1": "Every page is checked with automated tests (axe) in Finnish, Swedish and English, on phone-sized and tablet-sized screens, whenever the service changes. The tests also use the service with a keyboard alone and with 200% text size. The figures of charts and maps are also given as tables for screen readers.",
        "a11y.feedback.heading": "Give feedback on accessibility",
        "a11y.feedback.p1": "Have you found a problem? Tell us and we will fix it. You can also ask for information in another format.",
        "a11y.feedback.email": "E-mail",
        "a11y.authority.heading": "Supervisory authority",
        "a11y.authority.p1": "If you are not satisfied with our answer, you can report it to the Regional State Administrative Agency for Southern Finland.",
        "a11y.authority.phone": "Telephone (switchboard)",
        "a11y.date": "This statement was prepared on {date}.",
    },
}
