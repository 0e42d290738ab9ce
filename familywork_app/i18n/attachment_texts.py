"""Texts of photos and documents in messages (issue 17), in Finnish, Swedish and English side by
side: the file field, the refusals shown next to it, the files in the conversation, and the
access log's names of the file actions.

`ATTACHMENT_TEXTS[lang][key]`; every language has the same keys.
"""

ATTACHMENT_TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "files.label": "Kuvat ja asiakirjat",
        "files.add": "Lisää kuva tai PDF",
        "files.hint": "Kuva kamerasta tai kuvagalleriasta tai PDF-asiakirja. Enintään 5 tiedostoa, "
        "kukin enintään 10 Mt. Kuvista poistetaan sijaintitiedot ennen lähettämistä.",
        "files.waiting": "Lähtee viestin mukana",
        "files.remove": "Poista",
        "files.caption": "Kuvan kuvaus (vapaaehtoinen)",
        "files.caption_hint": "Kuvaus kerrotaan niille, jotka käyttävät ruudunlukijaa.",
        "files.caption_long": "Kuvaus on liian pitkä (enintään 200 merkkiä).",
        "files.too_big": "Tiedosto on yli 10 Mt. Lähetä pienempi tiedosto tai video kuvana.",
        "files.wrong_type": "Vain kuvia (JPEG, PNG, WebP) ja PDF-asiakirjoja voi lähettää. "
        "Tämä tiedosto on jotain muuta, vaikka sen nimi sanoisi toisin.",
        "files.damaged": "Tiedosto on vioittunut tai keskeneräinen, eikä sitä voi avata. "
        "Yritä uudelleen tai ota uusi kuva.",
        "files.too_many": "Yhteen viestiin voi liittää enintään 5 tiedostoa. Poista osa tai lähetä "
        "loput toisessa viestissä.",
        "files.pdf_active": "Tässä PDF:ssä on aktiivista sisältöä (esimerkiksi JavaScriptiä tai "
        "automaattisia toimintoja), joten sitä ei voi lähettää. Tallenna tai tulosta se uudeksi "
        "PDF:ksi tai ota paperista kuva.",
        "files.pdf_encrypted": "PDF on suojattu salasanalla, joten sitä ei voi lähettää. "
        "Tallenna kopio ilman salasanaa.",
        "files.too_many_pixels": "Kuva on liian suuri. Lähetä pienempi kuva.",
        "files.empty": "Tiedosto on tyhjä.",
        "files.none": "Tiedostoa ei valittu.",
        "files.photo_alt": "Kuva: {name}",
        "files.kind_photo": "Kuva",
        "files.kind_pdf": "PDF",
        "files.size_kb": "{size} kt",
        "files.size_mb": "{size} Mt",
        "files.open": "Avaa",
        "files.added": "Tiedosto lisätty viestiin. Se lähtee, kun lähetät viestin.",
        "files.only": "Kuva tai asiakirja",
        "files.removed": "Tiedosto poistettu viestistä.",
        "log.add_file": "Liitti tiedoston viestiin",
        "log.remove_file": "Poisti tiedoston viestistä",
        "log.download_file": "Avasi viestin tiedoston",
    },
    "sv": {
        "files.label": "Bilder och dokument",
        "files.add": "Lägg till en bild eller PDF",
        "files.hint": "En bild från kameran eller bildgalleriet, eller ett PDF-dokument. Högst 5 "
        "filer, var och en högst 10 MB. Platsuppgifterna tas bort ur bilderna innan de skickas.",
        "files.waiting": "Skickas med meddelandet",
        "files.remove": "Ta bort",
        "files.caption": "Beskrivning av bilden (frivillig)",
        "files.caption_hint": "Beskrivningen läses upp för dem som använder skärmläsare.",
        "files.caption_long": "Beskrivningen är för lång (högst 200 tecken).",
        "files.too_big": "Filen är större än 10 MB. Skicka en mindre fil, eller en bild i stället "
        "för en video.",
        "files.wrong_type": "Bara bilder (JPEG, PNG, WebP) och PDF-dokument kan skickas. Den här "
        "filen är något annat, vad namnet än säger.",
        "files.damaged": "Filen är skadad eller ofullständig och kan inte öppnas. Försök igen "
        "eller ta en ny bild.",
        "files.too_many": "Högst 5 filer per meddelande. Ta bort några eller skicka resten i ett "
        "annat meddelande.",
        "files.pdf_active": "Den här PDF-filen har aktivt innehåll (till exempel JavaScript eller "
        "automatiska åtgärder) och kan inte skickas. Spara eller skriv ut den som en ny PDF, "
        "eller ta en bild av pappret.",
        "files.pdf_encrypted": "PDF-filen är lösenordsskyddad och kan inte skickas. Spara en "
        "kopia utan lösenord.",
        "files.too_many_pixels": "Bilden är för stor. Skicka en mindre bild.",
        "files.empty": "Filen är tom.",
        "files.none": "Ingen fil valdes.",
        "files.photo_alt": "Bild: {name}",
        "files.kind_photo": "Bild",
        "files.kind_pdf": "PDF",
        "files.size_kb": "{size} kB",
        "files.size_mb": "{size} MB",
        "files.open": "Öppna",
        "files.added": "Filen har lagts till. Den skickas när du skickar meddelandet.",
        "files.only": "Bild eller dokument",
        "files.removed": "Filen har tagits bort från meddelandet.",
        "log.add_file": "Bifogade en fil till ett meddelande",
        "log.remove_file": "Tog bort en fil från ett meddelande",
        "log.download_file": "Öppnade en fil i ett meddelande",
    },
    "en": {
        "files.label": "Photos and documents",
        "files.add": "Add a photo or PDF",
        "files.hint": "A photo from the camera or the photo library, or a PDF document. At most 5 "
        "files, each at most 10 MB. Location data is removed from photos before they are sent.",
        "files.waiting": "Sent with the message",
        "files.remove": "Remove",
        "files.caption": "Description of the photo (optional)",
        "files.caption_hint": "The description is read out to people who use a screen reader.",
        "files.caption_long": "The description is too long (at most 200 characters).",
        "files.too_big": "The file is larger than 10 MB. Send a smaller file, or a photo instead "
        "of a video.",
        "files.wrong_type": "Only photos (JPEG, PNG, WebP) and PDF documents can be sent. This "
        "file is something else, whatever its name says.",
        "files.damaged": "The file is damaged or incomplete and cannot be opened. Try again, or "
        "take a new photo.",
        "files.too_many": "At most 5 files per message. Remove some, or send the rest in another "
        "message.",
        "files.pdf_active": "This PDF has active content (such as JavaScript or automatic "
        "actions) and cannot be sent. Save or print it as a new PDF, or take a photo of the paper.",
        "files.pdf_encrypted": "The PDF is password-protected and cannot be sent. Save a copy "
        "without a password.",
        "files.too_many_pixels": "The picture is too large. Send a smaller picture.",
        "files.empty": "The file is empty.",
        "files.none": "No file was chosen.",
        "files.photo_alt": "Photo: {name}",
        "files.kind_photo": "Photo",
        "files.kind_pdf": "PDF",
        "files.size_kb": "{size} kB",
        "files.size_mb": "{size} MB",
        "files.open": "Open",
        "files.added": "File added. It is sent when you send the message.",
        "files.only": "Photo or document",
        "files.removed": "File removed from the message.",
        "log.add_file": "Attached a file to a message",
        "log.remove_file": "Removed a file from a message",
        "log.download_file": "Opened a file of a message",
    },
}
