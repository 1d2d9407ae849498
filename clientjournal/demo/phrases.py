"""The words of the demo journals: names, companies and the phrases entries are built from, in English and
Norwegian."""

from __future__ import annotations

from clientjournal.domain.enums import EntryKind

K = EntryKind

# --- people and companies ---------------------------------------------------------------------------------

FIRST = {
    "nb": (
        "Kari", "Ola", "Øystein", "Åse", "Ingrid", "Lars", "Siri", "Håkon", "Marit", "Bjørn", "Solveig",
        "Eirik", "Ragnhild", "Torbjørn", "Ane", "Jørgen", "Tone", "Sindre", "Liv", "Pål", "Hege", "Even",
        "Gro", "Kjetil", "Mette", "Trond", "Nora", "Magnus", "Ida", "Sigrid", "Aslak", "Ånund", "Frøydis",
    ),
    "en": (
        "Emma", "Oliver", "Sophie", "James", "Grace", "Daniel", "Hannah", "Thomas", "Amelia", "Noah",
        "Chloe", "Samuel", "Priya", "Liam", "Zoe", "Rachel", "Marcus", "Ella", "Owen", "Aisha", "Fiona",
    ),
}  # fmt: skip
LAST = {
    "nb": (
        "Nordmann", "Ås", "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Dahl", "Bakken",
        "Løvås", "Strøm", "Sæther", "Nygård", "Våge", "Kristiansen", "Moe", "Lie", "Hagen", "Brekke",
        "Aasen", "Røed", "Fjeld", "Sørensen", "Ødegård", "Bø", "Ørstavik", "Tveit",
    ),
    "en": (
        "Smith", "Clarke", "Hughes", "Patel", "Bennett", "Walker", "Foster", "Turner", "Reid", "Morgan",
        "Kaur", "Fletcher", "Hayes", "Ellis", "Shaw", "Brooks", "Carter", "Doyle", "O'Neill", "Lam",
    ),
}  # fmt: skip
COMPANY_A = {
    "nb": (
        "Ærlig", "Nordlys", "Fjord", "Bølge", "Lysløype", "Tindved", "Havbris", "Granskog", "Skarvheim",
        "Solsikke", "Vidde", "Kvist", "Måke", "Furu", "Østlandske", "Sjøbris", "Bjørkely",
    ),
    "en": (
        "Bright Harbor", "Copperleaf", "Northgate", "Blue Finch", "Oakridge", "Silverline", "Maple & Stone",
        "Greenway", "Harbourside", "Redwood", "Lantern", "Kestrel", "Tidewater",
    ),
}  # fmt: skip
COMPANY_B = {
    "nb": (
        "Design AS", "Arkitekter AS", "Eiendom AS", "Bakeri", "Regnskap AS", "Rør AS", "Consult",
        "Media AS", "Tannklinikk", "Kaffebrenneri", "Interiør AS", "Treningssenter", "Bygg AS",
    ),
    "en": (
        "Ltd", "Studio", "Partners", "Consulting", "Architects", "Coffee Co.", "Dental", "Media", "Foods",
        "Events", "Group",
    ),
}  # fmt: skip
MAIL_HOSTS = {
    "nb": ("gmail.com", "online.no", "outlook.com", "hotmail.no"),
    "en": ("gmail.com", "outlook.com"),
}
TLD = {"nb": ".no", "en": ".co.uk"}
ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "é": "e", "'": "", "&": "", " ": "", ".": ""})

TEMPERAMENT = {
    "en": (
        "Direct, likes short bullet points", "Warm; appreciates a phone call", "Detail-oriented, reads "
        "everything twice", "Busy, answers late in the evening", "Gets anxious when dates move",
        "Likes to see sketches early", "Prefers numbers to adjectives", "Relaxed, trusts the process",
        "Wants to be asked before any change", "Quick to praise, quick to worry",
        "Formal in writing, chatty on the phone", "Dislikes surprises on the invoice",
    ),
    "nb": (
        "Direkte, liker korte punktlister", "Varm; setter pris på en telefon", "Nøye, leser alt to ganger",
        "Travel, svarer sent på kvelden", "Blir urolig når datoer flyttes", "Vil se skisser tidlig",
        "Foretrekker tall fremfor adjektiver", "Avslappet, stoler på prosessen",
        "Vil bli spurt før hver endring", "Rask til å rose, rask til å bekymre seg",
        "Formell skriftlig, pratsom på telefon", "Liker ikke overraskelser på fakturaen",
    ),
}  # fmt: skip
TAGS = (
    "web", "branding", "print", "retainer", "priority", "referral", "new", "long-term", "nettside",
    "arkitektur", "foto", "coaching", "pays-late", "VIP",
)  # fmt: skip

# --- projects --------------------------------------------------------------------------------------------

TITLES = {
    "en": (
        "New website", "Brand refresh", "Annual report", "Webshop migration", "Loft conversion drawings",
        "Leadership coaching", "Product photo shoot", "Newsletter redesign", "Kitchen extension",
        "Trade fair stand", "Booking app prototype", "Office fit-out",
    ),
    "nb": (
        "Ny nettside", "Visuell profil", "Årsrapport", "Flytting av nettbutikk", "Ombygging av loft",
        "Lederutvikling", "Produktfoto", "Nytt nyhetsbrev", "Tilbygg – skisseprosjekt", "Messestand",
        "Bookingapp – prototyp", "Innredning av kontor", "Bryllupsfotografering",
    ),
}  # fmt: skip
PARTS = {
    "en": (
        "landing page", "logo sketches", "floor plan", "colour palette", "checkout flow", "style guide",
        "About page copy", "product photos", "kitchen drawings", "onboarding emails", "facade sketches",
        "newsletter template", "coaching plan", "price list", "3D model", "mood board",
    ),
    "nb": (
        "forsiden", "logoskissene", "plantegningen", "fargepaletten", "betalingsløsningen",
        "designmanualen", "teksten til Om oss", "produktbildene", "kjøkkentegningene", "velkomstmailene",
        "fasadeskissene", "nyhetsbrevmalen", "coachingplanen", "prislisten", "3D-modellen",
        "moodboardet",
    ),
}  # fmt: skip

# --- entry texts: an opening sentence per kind, then optional tails --------------------------------------
# Slots: {n} first name, {p} project title, {c}/{c2} parts, {due} a date, {pct} percent, {wd} weekday,
# {x} a kind-specific detail, {days} a number of days.

OPEN: dict[tuple[EntryKind, str], tuple[str, ...]] = {
    (K.CONTRACT_SIGNED, "en"): (
        "Contract signed for {p}. {n} is excited to get going.",
        "Signed the agreement for {p} at their office.", "{n} accepted the offer for {p} today.",
    ),
    (K.CONTRACT_SIGNED, "nb"): (
        "Kontrakt signert for {p}. {n} gleder seg til å komme i gang.",
        "Signerte avtalen om {p} på kontoret deres.", "{n} takket ja til tilbudet på {p} i dag.",
    ),
    (K.PROGRESS_UPDATE, "en"): (
        "Sent {n} a status update on {p}: the {c}, about {pct}% done.",
        "Weekly update: finished the {c}, started on the {c2}.", "Showed {n} the current state of the {c}.",
        "Quick update on {p}: on track for {due}.", "Walked {n} through this week's work on {p}.",
    ),
    (K.PROGRESS_UPDATE, "nb"): (
        "Sendte {n} en statusoppdatering om {p}: {c} er omtrent {pct} % ferdig.",
        "Ukentlig oppdatering: {c} er ferdig, har begynt på {c2}.", "Viste {n} hvordan {c} ser ut nå.",
        "Kort oppdatering om {p}: i rute til {due}.", "Gikk gjennom ukas arbeid på {p} med {n}.",
    ),
    (K.CHANGE_REQUEST, "en"): ("{n} wants to change the {c}: {x}.", "Change request for {p}: {x}."),
    (K.CHANGE_REQUEST, "nb"): ("{n} vil endre {c}: {x}.", "Endringsønske for {p}: {x}."),
    (K.CHANGE_AGREED, "en"): (
        "Agreed on the change to the {c}; {x}.", "{n} and I settled the change request on {p}; {x}.",
    ),
    (K.CHANGE_AGREED, "nb"): (
        "Ble enige om endringen av {c}; {x}.", "{n} og jeg landet endringsønsket for {p}; {x}.",
    ),
    (K.SETBACK, "en"): ("{x}: the {c} will be {days} days late.", "{x}. Delay on the {c}."),
    (K.SETBACK, "nb"): ("{x}: {c} blir {days} dager forsinket.", "{x}. Forsinkelse på {c}."),
    (K.PROMISE, "en"): (
        "Promised {n} the {c} by {due}.", "Committed to deliver the {c} before {due}.",
        "Told {n} the {c} will be ready on {due}.",
    ),
    (K.PROMISE, "nb"): (
        "Lovet {n} {c} innen {due}.", "Forpliktet meg til å levere {c} før {due}.",
        "Sa til {n} at {c} blir levert {due}.",
    ),
    (K.DELIVERY, "en"): ("Delivered the {c}.", "Sent the final {c} to {n}.", "Handed over the {c}."),
    (K.DELIVERY, "nb"): ("Leverte {c}.", "Sendte endelig versjon av {c} til {n}.", "Overleverte {c}."),
    (K.PROBLEM_SOLVED, "en"): (
        "Fixed the problem with the {c} before it reached {n}.",
        "Solved the {x}; explained to {n} what it would have caused.",
    ),
    (K.PROBLEM_SOLVED, "nb"): (
        "Løste problemet med {c} før {n} merket det.", "Fikset {x}; forklarte {n} hva det kunne ført til.",
    ),
    (K.NOTE, "en"): ("Note to self: {n} {x}.", "Remember for {p}: {n} {x}."),
    (K.NOTE, "nb"): ("Notat: {n} {x}.", "Husk for {p}: {n} {x}."),
    (K.CALL, "en"): ("Call with {n} about {x}.", "{n} called to talk about {x}."),
    (K.CALL, "nb"): ("Samtale med {n} om {x}.", "{n} ringte for å snakke om {x}."),
    (K.MEETING, "en"): ("Meeting with {n}: went through the {c}.", "Met {n} to plan the next phase of {p}."),
    (K.MEETING, "nb"): ("Møte med {n}: gikk gjennom {c}.", "Møtte {n} for å planlegge neste fase av {p}."),
    (K.EMAIL, "en"): ("Emailed {n} the {c} for feedback.", "Answered {n}'s questions about {x}."),
    (K.EMAIL, "nb"): ("Sendte {c} til {n} for tilbakemelding.", "Svarte på spørsmål fra {n} om {x}."),
    (K.MESSAGE, "en"): ("Message from {n}: {x}", "Texted {n} a photo of the {c}."),
    (K.MESSAGE, "nb"): ("Melding fra {n}: {x}", "Sendte {n} et bilde av {c} på melding."),
}  # fmt: skip

DETAIL: dict[tuple[EntryKind, str], tuple[str, ...]] = {
    (K.CHANGE_REQUEST, "en"): (
        "a different colour scheme", "one more room upstairs", "fewer pages, more focus on the shop",
        "a second language version", "a bigger logo", "launch a month earlier",
    ),
    (K.CHANGE_REQUEST, "nb"): (
        "annet fargevalg", "ett rom til i andre etasje", "færre sider, mer fokus på nettbutikken",
        "en engelsk versjon i tillegg", "større logo", "lansering en måned tidligere",
    ),
    (K.CHANGE_AGREED, "en"): ("no extra cost", "it adds two days", "new due date {due}", "small extra fee"),
    (K.CHANGE_AGREED, "nb"): ("ingen ekstra kostnad", "to dager ekstra", "ny frist {due}", "et lite tillegg"),
    (K.SETBACK, "en"): (
        "A supplier delivered the wrong material", "I underestimated the work", "Found a bug in the {c}",
        "The printer cancelled our slot", "Was ill for three days",
    ),
    (K.SETBACK, "nb"): (
        "Leverandøren sendte feil materiale", "Jeg undervurderte arbeidet", "Fant en feil i {c}",
        "Trykkeriet avlyste", "Var syk i tre dager",
    ),
    (K.PROBLEM_SOLVED, "en"): (
        "broken contact form", "wrong measurements in the drawings", "slow-loading images",
        "missing invoice lines",
    ),
    (K.PROBLEM_SOLVED, "nb"): (
        "kontaktskjemaet som ikke virket", "feil mål i tegningene", "bildene som lastet tregt",
        "manglende fakturalinjer",
    ),
    (K.NOTE, "en"): (
        "prefers mornings", "is on holiday in week {days}", "reacts well to concrete numbers",
        "gets nervous when dates move", "wants the invoice split in two",
    ),
    (K.NOTE, "nb"): (
        "liker morgener best", "har ferie i uke {days}", "liker konkrete tall",
        "blir urolig når datoer flyttes", "vil ha fakturaen delt i to",
    ),
    (K.CALL, "en"): ("the next steps on {p}", "the budget", "the {c}", "timing before the holidays"),
    (K.CALL, "nb"): ("neste steg i {p}", "budsjettet", "{c}", "tidsplanen før ferien"),
    (K.EMAIL, "en"): ("the invoice", "the {c}", "access to the server", "the photos"),
    (K.EMAIL, "nb"): ("fakturaen", "{c}", "tilgang til serveren", "bildene"),
    (K.MESSAGE, "en"): ("'Looks great!'", "'Can we talk tomorrow?'", "'Any news?'", "'Thanks for the quick fix.'"),
    (K.MESSAGE, "nb"): ("«Ser kjempebra ut!»", "«Kan vi snakkes i morgen?»", "«Noe nytt?»", "«Takk for rask hjelp.»"),
}  # fmt: skip

TAILS = {
    "en": (
        "{n} asked to see the {c2} next time.", "Agreed to keep the same rhythm.", "No open questions.",
        "Next update on {wd}.", "Budget still fine.", "Wrote the main points down in a follow-up email.",
    ),
    "nb": (
        "{n} vil se {c2} neste gang.", "Vi holder samme rytme.", "Ingen åpne spørsmål.",
        "Neste oppdatering på {wd}.", "Budsjettet holder.", "Oppsummerte hovedpunktene i en e-post etterpå.",
    ),
}  # fmt: skip
MOOD_TAILS = {
    ("en", 1): ("{n} was very happy with it.", "Good energy in the conversation."),
    ("en", -1): ("{n} sounded worried about the deadline.", "{n} was clearly frustrated."),
    ("nb", 1): ("{n} var veldig fornøyd.", "God stemning i samtalen."),
    ("nb", -1): ("{n} virket bekymret for fristen.", "{n} var tydelig frustrert."),
}
FOLLOW = {
    ("told", "en"): "Called {n} about the delay on the {c}; explained the cause and the new plan.",
    ("told", "nb"): "Ringte {n} om forsinkelsen på {c}; forklarte årsaken og den nye planen.",
    ("kept", "en"): "Delivered the {c} as promised.",
    ("kept", "nb"): "Leverte {c} som lovet.",
    (
        "early",
        "en",
    ): "Delivered the {c} ahead of the promised date and pointed out what was included.",
    ("early", "nb"): "Leverte {c} før lovet dato, og viste hva som var med.",
    ("broken", "en"): "Missed the promised date for the {c}",
    ("broken", "nb"): "Rakk ikke lovet frist for {c}",
    ("final", "en"): "Delivered {p}. {n} has everything.",
    ("final", "nb"): "Overleverte {p}. {n} har fått alt.",
    ("cancel", "en"): "Project {p} cancelled by {n}: budget cut.",
    ("cancel", "nb"): "{p} ble avlyst av {n}: budsjettkutt.",
}
GENERAL = {
    "en": (
        "Sent the invoice for {x}.", "{n} recommended us to a colleague.", "Sent a season's greetings card.",
        "{n} asked about prices for next year.", "Paid the invoice for {x}.",
    ),
    "nb": (
        "Sendte faktura for {x}.", "{n} anbefalte oss til en kollega.", "Sendte julekort.",
        "{n} spurte om priser for neste år.", "Fakturaen for {x} er betalt.",
    ),
}  # fmt: skip
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nb": (
        "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
        "november", "desember",
    ),
}  # fmt: skip
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
}
QUOTES = {"en": ("“", "”"), "nb": ("«", "»")}
