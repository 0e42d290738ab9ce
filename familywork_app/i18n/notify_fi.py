"""Finnish texts of the notifications (push, e-mail) and the settings page with the calendar
feed. Swedish and English are in `notify_sv.py` and `notify_en.py` with the same keys (tests
check). Notifications never name a person or say what happened: only that something is new."""

TEXTS = {
    "notify.push_title": "Perhetyö",
    "notify.push_body": "Sinulle on jotain uutta. Avaa sovellus nähdäksesi.",
    "notify.mail_subject": "Perhetyö: sinulle on jotain uutta",
    "notify.mail_body": (
        "Hei,\n\nPerhetyön palvelussa odottaa sinulle jotain uutta. Kirjaudu sisään "
        "nähdäksesi sen:\n{link}\n\nNämä sähköpostit voi lopettaa asetuksista:\n{settings}\n"
    ),
    "notify.no_devices": "Ilmoitukset eivät ole käytössä yhdelläkään laitteellasi.",
    "error.push_invalid": "Tämän laitteen ilmoitustilausta ei voitu tallentaa.",
    "settings.link": "Ilmoitukset ja kalenteri",
    "settings.title": "Ilmoitukset ja kalenteri",
    "settings.push": "Ilmoitukset tälle laitteelle",
    "settings.push_lead": (
        "Ilmoitus kertoo vain, että sinulle on jotain uutta: uusi viesti, "
        "muuttunut tapaaminen tai päätös. Se ei koskaan kerro nimiä eikä "
        "viestien sisältöä."
    ),
    "settings.push_on_device": "Ilmoitukset ovat käytössä tällä laitteella.",
    "settings.push_off_device": "Ilmoitukset eivät ole käytössä tällä laitteella.",
    "settings.devices": "Laitteita, joilla ilmoitukset ovat käytössä: {count}",
    "settings.push_enable": "Ota ilmoitukset käyttöön tällä laitteella",
    "settings.push_disable": "Lopeta ilmoitukset tällä laitteella",
    "settings.push_disable_all": "Lopeta ilmoitukset kaikilla laitteilla",
    "settings.push_test": "Lähetä testi-ilmoitus",
    "settings.push_enabled": "Ilmoitukset otettiin käyttöön tällä laitteella.",
    "settings.push_disabled": "Ilmoitukset lopetettiin tällä laitteella.",
    "settings.push_disabled_all": "Ilmoitukset lopetettiin kaikilla laitteilla ({count}).",
    "settings.push_unsupported": (
        "Tämä selain ei tue ilmoituksia. iPhonessa lisää sovellus "
        "ensin kotivalikkoon ja avaa se sieltä."
    ),
    "settings.push_denied": (
        "Selain ei antanut lupaa ilmoituksiin. Voit sallia ne selaimen sivustoasetuksista."
    ),
    "settings.push_failed": "Ilmoitusten käyttöönotto ei onnistunut. Yritä uudelleen.",
    "settings.test_sent": "Testi-ilmoitus lähetettiin. Onnistui: {sent}, epäonnistui: {failed}.",
    "settings.email": "Sähköposti-ilmoitukset",
    "settings.email_lead": (
        "Sähköposti kertoo vain, että sinulle on jotain uutta, ja pyytää "
        "kirjautumaan. Oletuksena sähköposteja ei lähetetä."
    ),
    "settings.email_check": "Lähetä minulle myös sähköposti, kun minulle on jotain uutta",
    "settings.email_on": "Sähköposti-ilmoitukset otettiin käyttöön.",
    "settings.email_off": "Sähköposti-ilmoitukset lopetettiin.",
    "settings.feed": "Kalenterilinkki",
    "settings.feed_lead": (
        "Yksityinen osoite, jonka puhelimen kalenteri voi tilata. Siinä ovat "
        "sovitut tapaamisesi 30 päivän takaa eteenpäin, ilman nimiä ja "
        "osoitteita. Älä jaa linkkiä: sen saanut näkee tapaamistesi ajat."
    ),
    "settings.feed_active": "Kalenterilinkki on käytössä. Se luotiin {time}.",
    "settings.feed_none": "Sinulla ei ole kalenterilinkkiä.",
    "settings.feed_create": "Luo kalenterilinkki",
    "settings.feed_new": "Luo uusi linkki (vanha lakkaa toimimasta)",
    "settings.feed_revoke": "Poista kalenterilinkki käytöstä",
    "settings.feed_url": "Kalenterilinkkisi. Se näytetään vain nyt: kopioi se kalenteriisi.",
    "settings.feed_copy": "Kopioi linkki",
    "settings.feed_copied": "Linkki kopioitiin.",
    "settings.feed_created": "Uusi kalenterilinkki luotiin. Vanha linkki ei enää toimi.",
    "settings.feed_revoked": "Kalenterilinkki poistettiin käytöstä. Se ei enää toimi.",
    # Reminders to staff (issue 16): content-free, like the notices above.
    "notify.remind_due_push": "Sinulla on pian erääntyvä asia työlistalla. Avaa sovellus nähdäksesi.",
    "notify.remind_due_subject": "Perhetyö: työlistallasi on pian erääntyvä asia",
    "notify.remind_due_mail": (
        "Hei,\n\nTyölistallasi on asia, joka erääntyy seuraavana työpäivänä tai pian sen "
        "jälkeen. Kirjaudu sisään nähdäksesi sen:\n{link}\n\nNämä sähköpostit voi lopettaa "
        "asetuksista:\n{settings}\n"
    ),
    "notify.remind_overdue_push": "Työlistallasi on myöhässä oleva asia. Avaa sovellus nähdäksesi.",
    "notify.remind_overdue_subject": "Perhetyö: työlistallasi on myöhässä oleva asia",
    "notify.remind_overdue_mail": (
        "Hei,\n\nTyölistallasi on asia, jonka määräaika on mennyt. Kirjaudu sisään "
        "nähdäksesi sen:\n{link}\n\nNämä sähköpostit voi lopettaa asetuksista:\n{settings}\n"
    ),
}
