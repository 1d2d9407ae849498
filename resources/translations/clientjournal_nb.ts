<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ClientJournal</source>
        <translation>Om ClientJournal</translation>
    </message>
    <message>
        <source>ClientJournal %1</source>
        <translation>ClientJournal %1</translation>
    </message>
    <message>
        <source>An encrypted journal of your clients, with a coach that suggests whom to contact and what to say. Everything stays on your computer, encrypted with your passphrase.</source>
        <translation>En kryptert journal over klientene dine, med en veileder som foreslår hvem du bør kontakte og hva du kan si. Alt blir på datamaskinen din, kryptert med passordfrasen din.</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lisens:</translation>
    </message>
    <message>
        <source>%1 (free software: you may share and change it)</source>
        <translation>%1 (fri programvare: du kan dele og endre den)</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Datamappe:</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>(ukjent)</translation>
    </message>
    <message>
        <source>Journal:</source>
        <translation>Journal:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>%1 (PySide6 %2)</source>
        <translation>%1 (PySide6 %2)</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
</context>
<context>
    <name>ActionCard</name>
    <message>
        <source>Step %1</source>
        <translation>Steg %1</translation>
    </message>
    <message>
        <source>Also step %1</source>
        <translation>Også steg %1</translation>
    </message>
    <message>
        <source>Journal entries this is based on</source>
        <translation>Journalnotatene dette bygger på</translation>
    </message>
    <message>
        <source>Log it</source>
        <translation>Noter det</translation>
    </message>
    <message>
        <source>Log it: %1</source>
        <translation>Noter det: %1</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Draft a message: %1</source>
        <translation>Skriv utkast til melding: %1</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Utsett</translation>
    </message>
    <message>
        <source>Snooze: %1</source>
        <translation>Utsett: %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Avvis</translation>
    </message>
    <message>
        <source>Dismiss: %1</source>
        <translation>Avvis: %1</translation>
    </message>
    <message>
        <source>Write a journal entry that records doing this</source>
        <translation>Skriv et journalnotat om at dette er gjort</translation>
    </message>
    <message>
        <source>A message from the playbook, to send or adapt</source>
        <translation>En melding fra spilleboken som du kan sende eller tilpasse</translation>
    </message>
    <message>
        <source>Snooze: hide this until a later date</source>
        <translation>Utsett: skjul dette til en senere dato</translation>
    </message>
    <message>
        <source>Dismiss: hide this for good</source>
        <translation>Avvis: skjul dette for godt</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>Bygger på</translation>
    </message>
</context>
<context>
    <name>ActionCardList</name>
    <message>
        <source>Suggested actions</source>
        <translation>Foreslåtte handlinger</translation>
    </message>
</context>
<context>
    <name>ActionListModel</name>
    <message>
        <source>Overdue by %1 days</source>
        <translation>%1 dager over fristen</translation>
    </message>
    <message>
        <source>Overdue since yesterday</source>
        <translation>Forfalt i går</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Forfaller i dag</translation>
    </message>
    <message>
        <source>Due tomorrow</source>
        <translation>Forfaller i morgen</translation>
    </message>
    <message>
        <source>Due in %1 days</source>
        <translation>Forfaller om %1 dager</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Forfaller %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>steg %1</translation>
    </message>
</context>
<context>
    <name>AutosaveBar</name>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Gjenopprett</translation>
    </message>
    <message>
        <source>Restore the autosaved changes</source>
        <translation>Gjenopprett de automatisk lagrede endringene</translation>
    </message>
    <message>
        <source>Disc&amp;ard</source>
        <translation>Fo&amp;rkast</translation>
    </message>
    <message>
        <source>Discard the autosaved changes</source>
        <translation>Forkast de automatisk lagrede endringene</translation>
    </message>
    <message>
        <source>You have unsaved changes, autosaved at %1.</source>
        <translation>Du har ulagrede endringer, lagret automatisk %1.</translation>
    </message>
    <message>
        <source>You have unsaved changes, autosaved.</source>
        <translation>Du har ulagrede endringer, lagret automatisk.</translation>
    </message>
    <message>
        <source>Your unsaved entry was restored.</source>
        <translation>Det ulagrede notatet ditt ble gjenopprettet.</translation>
    </message>
</context>
<context>
    <name>BackupKeeper</name>
    <message>
        <source>The automatic backup failed its check and is not counted as good: %1</source>
        <translation>Den automatiske sikkerhetskopien besto ikke kontrollen og regnes ikke som god: %1</translation>
    </message>
    <message>
        <source>The automatic backup could not be made: %1</source>
        <translation>Den automatiske sikkerhetskopien kunne ikke tas: %1</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Gjenopprett fra en sikkerhetskopi …</translation>
    </message>
    <message>
        <source>Replace the journal with one of its backups</source>
        <translation>Erstatt journalen med en av sikkerhetskopiene</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>today %1</source>
        <translation>i dag %1</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>i går %1</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>Automatiske sikkerhetskopier</translation>
    </message>
    <message>
        <source>&amp;Back up automatically, encrypted</source>
        <translation>&amp;Ta sikkerhetskopi automatisk, kryptert</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Hvor ofte</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Hver dag</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Hver uke</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>Sikkerhetskopier:</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Mappe for sikkerhetskopier</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Velg …</translation>
    </message>
    <message>
        <source>Defa&amp;ult</source>
        <translation>Standa&amp;rd</translation>
    </message>
    <message>
        <source>The backups folder beside the journal file</source>
        <translation>Mappen backups ved siden av journalfilen</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>M&amp;appe:</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>Daglige sikkerhetskopier som beholdes</translation>
    </message>
    <message>
        <source>Weekly backups kept</source>
        <translation>Ukentlige sikkerhetskopier som beholdes</translation>
    </message>
    <message>
        <source>daily and</source>
        <translation>daglige og</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>ukentlige</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Behold:</translation>
    </message>
    <message>
        <source>Reading the backups…</source>
        <translation>Leser sikkerhetskopiene …</translation>
    </message>
    <message>
        <source>The backup settings could not be read.</source>
        <translation>Innstillingene for sikkerhetskopier kunne ikke leses.</translation>
    </message>
    <message>
        <source>Automatic backups need a journal file on this computer. This journal is kept on a database server: the server&apos;s own backups keep it, and File ▸ Back up now… writes a copy here.</source>
        <translation>Automatiske sikkerhetskopier krever en journalfil på denne datamaskinen. Denne journalen ligger på en databaseserver: serverens egne sikkerhetskopier tar vare på den, og Fil ▸ Ta sikkerhetskopi nå … skriver en kopi hit.</translation>
    </message>
    <message>
        <source>Last good backup: %1, verified</source>
        <translation>Siste gode sikkerhetskopi: %1, kontrollert</translation>
    </message>
    <message>
        <source>No verified backup yet.</source>
        <translation>Ingen kontrollert sikkerhetskopi ennå.</translation>
    </message>
    <message>
        <source>The last backup failed (%1): %2</source>
        <translation>Siste sikkerhetskopi mislyktes (%1): %2</translation>
    </message>
    <message>
        <source>Folder for the automatic backups</source>
        <translation>Mappe for de automatiske sikkerhetskopiene</translation>
    </message>
</context>
<context>
    <name>BusyBar</name>
    <message>
        <source>Working</source>
        <translation>Arbeider</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase — ClientJournal</source>
        <translation>Bytt passordfrase — ClientJournal</translation>
    </message>
    <message>
        <source>Change your passphrase</source>
        <translation>Bytt passordfrase</translation>
    </message>
    <message>
        <source>Your journal stays as it is; only the key that opens it is locked with the new passphrase. Backups made before now still open with the passphrase they were made with.</source>
        <translation>Journalen forblir som den er; bare nøkkelen som åpner den, låses med den nye passordfrasen. Sikkerhetskopier tatt før nå åpnes fortsatt med passordfrasen de ble tatt med.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Nåværende passordfrase</translation>
    </message>
    <message>
        <source>Or your recovery key</source>
        <translation>Eller gjenopprettingsnøkkelen</translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation>N&amp;åværende passordfrase:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>C&amp;hange passphrase</source>
        <translation>B&amp;ytt passordfrase</translation>
    </message>
    <message>
        <source>Type your current passphrase first.</source>
        <translation>Skriv den nåværende passordfrasen først.</translation>
    </message>
    <message>
        <source>The new passphrase is the one you have now. Choose another.</source>
        <translation>Den nye passordfrasen er den du har nå. Velg en annen.</translation>
    </message>
    <message>
        <source>That is not your current passphrase (nor your recovery key). Nothing was changed.</source>
        <translation>Det er ikke den nåværende passordfrasen (og heller ikke gjenopprettingsnøkkelen). Ingenting ble endret.</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>New client — ClientJournal</source>
        <translation>Ny klient — ClientJournal</translation>
    </message>
    <message>
        <source>Edit client — ClientJournal</source>
        <translation>Rediger klient — ClientJournal</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Ny klient</translation>
    </message>
    <message>
        <source>Edit client</source>
        <translation>Rediger klient</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Navn:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation>&amp;Firma:</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-post:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Foretrukket kanal</translation>
    </message>
    <message>
        <source>Not agreed yet</source>
        <translation>Ikke avtalt ennå</translation>
    </message>
    <message>
        <source>Preferred &amp;channel:</source>
        <translation>Foretrukket &amp;kanal:</translation>
    </message>
    <message>
        <source>Update every (days)</source>
        <translation>Oppdateringsrytme (dager)</translation>
    </message>
    <message>
        <source>&amp;Updates every:</source>
        <translation>&amp;Oppdateringsrytme:</translation>
    </message>
    <message>
        <source>The client&apos;s language</source>
        <translation>Klientens språk</translation>
    </message>
    <message>
        <source>The language the coach&apos;s drafts to this client are written in</source>
        <translation>Språket coachens utkast til denne klienten skrives på</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Temperament</source>
        <translation>Temperament</translation>
    </message>
    <message>
        <source>How they like to be spoken to, what worries them, what delights them…</source>
        <translation>Hvordan de liker å bli snakket til, hva som bekymrer dem, hva som gleder dem …</translation>
    </message>
    <message>
        <source>&amp;Temperament:</source>
        <translation>Te&amp;mperament:</translation>
    </message>
    <message>
        <source>Ta&amp;gs:</source>
        <translation>Et&amp;iketter:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiketter</translation>
    </message>
    <message>
        <source>Comma separated, e.g. web, retainer</source>
        <translation>Skilt med komma, f.eks. nett, fastavtale</translation>
    </message>
    <message>
        <source>&amp;Archived (hidden from the list)</source>
        <translation>&amp;Arkivert (skjult fra listen)</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Arkivert</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Prosjekter</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>No projects yet.</source>
        <translation>Ingen prosjekter ennå.</translation>
    </message>
    <message>
        <source>Add p&amp;roject…</source>
        <translation>Legg til &amp;prosjekt …</translation>
    </message>
    <message>
        <source>Discard changes — ClientJournal</source>
        <translation>Forkast endringer — ClientJournal</translation>
    </message>
    <message>
        <source>Close without saving? Your changes to this client will be lost.</source>
        <translation>Lukke uten å lagre? Endringene dine for denne klienten går tapt.</translation>
    </message>
    <message>
        <source>Add a project</source>
        <translation>Legg til et prosjekt</translation>
    </message>
    <message>
        <source>Edit pro&amp;ject…</source>
        <translation>Rediger pro&amp;sjekt …</translation>
    </message>
    <message>
        <source>Edit the selected project</source>
        <translation>Rediger det valgte prosjektet</translation>
    </message>
    <message>
        <source>Loading projects…</source>
        <translation>Henter prosjekter …</translation>
    </message>
    <message>
        <source>The projects could not be loaded.</source>
        <translation>Prosjektene kunne ikke hentes.</translation>
    </message>
    <message numerus="yes">
        <source>%n projects</source>
        <translation>
            <numerusform>%n prosjekt</numerusform>
            <numerusform>%n prosjekter</numerusform>
        </translation>
    </message>
    <message>
        <source>A client needs a name.</source>
        <translation>En klient må ha et navn.</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <source>archived</source>
        <translation>arkivert</translation>
    </message>
    <message numerus="yes">
        <source>%n suggested actions</source>
        <translation>
            <numerusform>%n foreslått handling</numerusform>
            <numerusform>%n foreslåtte handlinger</numerusform>
        </translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle klienter</translation>
    </message>
    <message>
        <source>Every journal, newest first</source>
        <translation>Alle journaler, nyeste først</translation>
    </message>
    <message>
        <source>The journal of every client, newest first</source>
        <translation>Journalen til alle klienter, nyeste først</translation>
    </message>
</context>
<context>
    <name>ClientManager</name>
    <message>
        <source>Un&amp;archive client</source>
        <translation>Hent klient fra &amp;arkivet</translation>
    </message>
    <message>
        <source>&amp;Archive client</source>
        <translation>&amp;Arkiver klient</translation>
    </message>
    <message>
        <source>Hide the client from the list (keeps the journal)</source>
        <translation>Skjul klienten fra listen (journalen beholdes)</translation>
    </message>
    <message>
        <source>&amp;Delete client…</source>
        <translation>&amp;Slett klient …</translation>
    </message>
    <message>
        <source>Delete the client and their whole journal for good</source>
        <translation>Slett klienten og hele journalen for godt</translation>
    </message>
    <message>
        <source>Export summary &amp;PDF…</source>
        <translation>Eksporter sammendrag som &amp;PDF …</translation>
    </message>
    <message>
        <source>Write a summary of the client as a PDF, for your records or to hand over</source>
        <translation>Lag et sammendrag av klienten som PDF, til eget bruk eller til å gi videre</translation>
    </message>
    <message>
        <source>Delete client — ClientJournal</source>
        <translation>Slett klient — ClientJournal</translation>
    </message>
    <message>
        <source>Delete “%1” and their whole journal?</source>
        <translation>Slette «%1» og hele journalen?</translation>
    </message>
    <message>
        <source>Every entry, project and note about this client is destroyed in this journal, together with the key that encrypts them, and erased from the automatic backups ClientJournal keeps. Copies it cannot reach still hold them: file copies, sync folders, backups made by other programs, and for a journal on a database server, the server&apos;s old rows and backups. This cannot be undone.</source>
        <translation>Alle notater og prosjekter om denne klienten blir slettet fra journalen, sammen med nøkkelen som krypterer dem, og fjernet fra de automatiske sikkerhetskopiene ClientJournal tar vare på. Kopier appen ikke når, har dem fortsatt: filkopier, synkroniserte mapper, sikkerhetskopier laget av andre programmer, og for en journal på en databaseserver, serverens gamle rader og sikkerhetskopier. Dette kan ikke angres.</translation>
    </message>
    <message>
        <source>Client deleted, but another program has the vault open: its old data may remain in the database file until that program closes the vault</source>
        <translation>Klienten er slettet, men et annet program har hvelvet åpent: de gamle dataene kan ligge igjen i databasefila til det programmet lukker hvelvet</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Slett for godt</translation>
    </message>
    <message numerus="yes">
        <source>Client deleted, but %n backups could not be rewritten without them</source>
        <translation>
            <numerusform>Klienten er slettet, men %n sikkerhetskopi kunne ikke skrives om uten den</numerusform>
            <numerusform>Klienten er slettet, men %n sikkerhetskopier kunne ikke skrives om uten den</numerusform>
        </translation>
    </message>
    <message>
        <source>Client deleted</source>
        <translation>Klienten er slettet</translation>
    </message>
</context>
<context>
    <name>CoachButtons</name>
    <message>
        <source>Snoozed until %1.</source>
        <translation>Utsatt til %1.</translation>
    </message>
    <message>
        <source>Dismissed.</source>
        <translation>Avvist.</translation>
    </message>
</context>
<context>
    <name>CoachNavigation</name>
    <message>
        <source>That entry is not in the timeline as it is filtered now.</source>
        <translation>Det notatet er ikke med i tidslinjen slik den er filtrert nå.</translation>
    </message>
</context>
<context>
    <name>CoachSidebar</name>
    <message>
        <source>Coach</source>
        <translation>Coach</translation>
    </message>
    <message>
        <source>This client</source>
        <translation>Denne klienten</translation>
    </message>
    <message>
        <source>Coach for the selected client</source>
        <translation>Coach for den valgte klienten</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>What needs attention across all clients</source>
        <translation>Det som trenger oppmerksomhet hos alle klienter</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <source>Undo snooze or dismiss</source>
        <translation>Angre utsettelse eller avvisning</translation>
    </message>
    <message>
        <source>WHERE THE PROJECT STANDS</source>
        <translation>HVOR PROSJEKTET STÅR</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Prosjekt</translation>
    </message>
    <message>
        <source>Next actions</source>
        <translation>Neste handlinger</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Trenger oppmerksomhet</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>Prosjekt uten navn</translation>
    </message>
    <message>
        <source>Step %1 of 8 · %2</source>
        <translation>Steg %1 av 8 · %2</translation>
    </message>
    <message>
        <source>No active project</source>
        <translation>Ingen aktive prosjekter</translation>
    </message>
    <message>
        <source>When a contract is signed, the playbook shows here where the project stands.</source>
        <translation>Når en kontrakt er signert, viser spilleboken her hvor prosjektet står.</translation>
    </message>
    <message>
        <source>Nothing needs attention</source>
        <translation>Ingenting trenger oppmerksomhet</translation>
    </message>
    <message>
        <source>%1 is archived, so the coach stays quiet.</source>
        <translation>%1 er arkivert, så coachen er stille.</translation>
    </message>
    <message>
        <source>You are up to date with %1.</source>
        <translation>Du er à jour med %1.</translation>
    </message>
    <message>
        <source>PROMISES ON THIS PROJECT</source>
        <translation>LØFTER I DETTE PROSJEKTET</translation>
    </message>
    <message>
        <source>PROMISES</source>
        <translation>LØFTER</translation>
    </message>
    <message>
        <source>Edit client…</source>
        <translation>Rediger klient …</translation>
    </message>
    <message>
        <source>Record the agreed channel and update rhythm on the client&apos;s card</source>
        <translation>Før opp avtalt kanal og oppdateringsrytme på klientkortet</translation>
    </message>
    <message>
        <source>Edit client: %1</source>
        <translation>Rediger klient: %1</translation>
    </message>
    <message>
        <source>%1 urgent · %2 in all</source>
        <translation>%1 haster · %2 i alt</translation>
    </message>
    <message>
        <source>All clients are up to date.</source>
        <translation>Alle klienter er à jour.</translation>
    </message>
</context>
<context>
    <name>DamageBanner</name>
    <message>
        <source>Damaged entries</source>
        <translation>Skadede notater</translation>
    </message>
    <message>
        <source>Check the vault</source>
        <translation>Kontroller journalen</translation>
    </message>
    <message>
        <source>Find every damaged record and say what it holds</source>
        <translation>Finn alle skadede poster og vis hva de inneholder</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Gjenopprett fra en sikkerhetskopi …</translation>
    </message>
    <message>
        <source>Replace the vault with a backup made before the damage</source>
        <translation>Erstatt journalen med en sikkerhetskopi fra før skaden</translation>
    </message>
    <message numerus="yes">
        <source>%n entries cannot be read; everything else is shown.</source>
        <translation>
            <numerusform>%n notat kan ikke leses; alt annet vises.</numerusform>
            <numerusform>%n notater kan ikke leses; alt annet vises.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DaysSpinBox</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dager</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>Draft a message — ClientJournal</source>
        <translation>Skriv utkast til melding — ClientJournal</translation>
    </message>
    <message>
        <source>Message to %1</source>
        <translation>Melding til %1</translation>
    </message>
    <message>
        <source>Talking points for %1</source>
        <translation>Samtalepunkter for %1</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Meldingens språk</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Emne</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Emne:</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Meldingstekst</translation>
    </message>
    <message>
        <source>&amp;Open in mail app</source>
        <translation>&amp;Åpne i e-postprogrammet</translation>
    </message>
    <message>
        <source>Open in mail app</source>
        <translation>Åpne i e-postprogrammet</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>Copy the message</source>
        <translation>Kopier meldingen</translation>
    </message>
    <message>
        <source>No email address on the client&apos;s card: copy the text instead.</source>
        <translation>Klientkortet har ingen e-postadresse: kopier teksten i stedet.</translation>
    </message>
    <message>
        <source>Points to cover in the phone call — adapt them to the conversation.</source>
        <translation>Punkter å ta opp i telefonsamtalen — tilpass dem til samtalen.</translation>
    </message>
    <message>
        <source>Points to cover in the video call — adapt them to the conversation.</source>
        <translation>Punkter å ta opp i videomøtet — tilpass dem til samtalen.</translation>
    </message>
    <message>
        <source>Points to cover in the meeting — adapt them to the conversation.</source>
        <translation>Punkter å ta opp i møtet — tilpass dem til samtalen.</translation>
    </message>
    <message>
        <source>A starting point for the email — adapt it so it sounds like you.</source>
        <translation>Et utgangspunkt for e-posten — tilpass det så det høres ut som deg.</translation>
    </message>
    <message>
        <source>A starting point for the message — adapt it so it sounds like you.</source>
        <translation>Et utgangspunkt for meldingen — tilpass det så det høres ut som deg.</translation>
    </message>
    <message>
        <source>A starting point — adapt it so it sounds like you.</source>
        <translation>Et utgangspunkt — tilpass det så det høres ut som deg.</translation>
    </message>
    <message>
        <source>No mail app could be opened. Copy the text instead.</source>
        <translation>Fant ikke noe e-postprogram å åpne. Kopier teksten i stedet.</translation>
    </message>
    <message>
        <source>Opened in your mail app.</source>
        <translation>Åpnet i e-postprogrammet ditt.</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Kopiert til utklippstavlen.</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>New entry — ClientJournal</source>
        <translation>Nytt notat — ClientJournal</translation>
    </message>
    <message>
        <source>Edit entry — ClientJournal</source>
        <translation>Rediger notat — ClientJournal</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Nytt notat</translation>
    </message>
    <message>
        <source>Edit entry</source>
        <translation>Rediger notat</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>C&amp;lient:</source>
        <translation>K&amp;lient:</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>None (private note)</source>
        <translation>Ingen (privat notat)</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Dato og klokkeslett</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Når:</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Prosjekt</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Prosjekt:</translation>
    </message>
    <message>
        <source>Client&apos;s &amp;mood:</source>
        <translation>Klientens &amp;humør:</translation>
    </message>
    <message>
        <source>Write what happened first: an entry needs a few words.</source>
        <translation>Skriv først hva som skjedde: et notat trenger noen ord.</translation>
    </message>
    <message>
        <source>This entry was changed somewhere else (another window or device) after you opened it, so it was not saved. Your text is still here and autosaved: copy what you need, close this window, open the entry again and apply your changes.</source>
        <translation>Dette notatet ble endret et annet sted (i et annet vindu eller på en annen enhet) etter at du åpnet det, så det ble ikke lagret. Teksten din er fortsatt her og lagret automatisk: kopier det du trenger, lukk vinduet, åpne notatet igjen og gjør endringene dine på nytt.</translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation>Notattekst</translation>
    </message>
    <message>
        <source>What happened, what was said, what you noticed…</source>
        <translation>Hva skjedde, hva ble sagt, hva la du merke til …</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Løfte</translation>
    </message>
    <message>
        <source>Promise title</source>
        <translation>Løftets tittel</translation>
    </message>
    <message>
        <source>A short name, e.g. Send the revised quote</source>
        <translation>Et kort navn, f.eks. Send det reviderte tilbudet</translation>
    </message>
    <message>
        <source>Short &amp;title:</source>
        <translation>Kort t&amp;ittel:</translation>
    </message>
    <message>
        <source>Promise due date</source>
        <translation>Løftets frist</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Frist:</translation>
    </message>
    <message>
        <source>Promise status</source>
        <translation>Løftets status</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>Intet prosjekt</translation>
    </message>
    <message>
        <source>Discard entry — ClientJournal</source>
        <translation>Forkast notat — ClientJournal</translation>
    </message>
    <message>
        <source>Close without saving? What you wrote here will be lost.</source>
        <translation>Lukke uten å lagre? Det du har skrevet her, går tapt.</translation>
    </message>
    <message>
        <source>Add a client first: every entry belongs to a client.</source>
        <translation>Legg til en klient først: alle notater hører til en klient.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something unexpected went wrong.</source>
        <translation>Noe uventet gikk galt.</translation>
    </message>
    <message>
        <source>ClientJournal</source>
        <translation>ClientJournal</translation>
    </message>
    <message>
        <source>ClientJournal — something went wrong</source>
        <translation>ClientJournal — noe gikk galt</translation>
    </message>
    <message>
        <source>Your journal is safe: everything saved so far is stored. The details were written to the log file. You can keep working; if this happens again, restart the app.</source>
        <translation>Journalen din er trygg: alt som er lagret så langt, er tatt vare på. Detaljene ble skrevet til loggfilen. Du kan fortsette å arbeide; om dette skjer igjen, start appen på nytt.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Ta sikkerhetskopi nå …</translation>
    </message>
    <message>
        <source>Write an encrypted copy of the whole journal to a file</source>
        <translation>Skriv en kryptert kopi av hele journalen til en fil</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer …</translation>
    </message>
    <message>
        <source>Add clients and entries from a ClientJournal JSON file</source>
        <translation>Legg til klienter og notater fra en ClientJournal-JSON-fil</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;ksporter …</translation>
    </message>
    <message>
        <source>Write the whole journal to a JSON file (not encrypted)</source>
        <translation>Skriv hele journalen til en JSON-fil (ikke kryptert)</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Bytt &amp;passordfrase …</translation>
    </message>
    <message>
        <source>Choose a new passphrase for this journal</source>
        <translation>Velg en ny passordfrase for denne journalen</translation>
    </message>
    <message>
        <source>C&amp;heck the vault</source>
        <translation>K&amp;ontroller journalen</translation>
    </message>
    <message>
        <source>Decrypt and verify every record, and report anything damaged</source>
        <translation>Dekrypter og kontroller hver post, og meld fra om alt som er skadet</translation>
    </message>
    <message>
        <source>&amp;Forget this device</source>
        <translation>&amp;Glem denne enheten</translation>
    </message>
    <message>
        <source>Stop this device unlocking the journal without the passphrase</source>
        <translation>Hindre at denne enheten låser opp journalen uten passordfrasen</translation>
    </message>
    <message>
        <source>Back up — ClientJournal</source>
        <translation>Sikkerhetskopi — ClientJournal</translation>
    </message>
    <message>
        <source>ClientJournal backups (*.sqlite3);;All files (*)</source>
        <translation>ClientJournal-sikkerhetskopier (*.sqlite3);;Alle filer (*)</translation>
    </message>
    <message>
        <source>That is the journal itself. Choose another file for the backup.</source>
        <translation>Det er selve journalen. Velg en annen fil for sikkerhetskopien.</translation>
    </message>
    <message>
        <source>Backup written</source>
        <translation>Sikkerhetskopien er skrevet</translation>
    </message>
    <message>
        <source>The backup is written to %1. It is encrypted, and it opens with the passphrase you have now.</source>
        <translation>Sikkerhetskopien er skrevet til %1. Den er kryptert og åpnes med passordfrasen du har nå.</translation>
    </message>
    <message>
        <source>Backing up your journal…</source>
        <translation>Tar sikkerhetskopi av journalen …</translation>
    </message>
    <message>
        <source>Import — ClientJournal</source>
        <translation>Import — ClientJournal</translation>
    </message>
    <message>
        <source>ClientJournal JSON files (*.json);;All files (*)</source>
        <translation>ClientJournal-JSON-filer (*.json);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importerer %1 …</translation>
    </message>
    <message>
        <source>Export — ClientJournal</source>
        <translation>Eksport — ClientJournal</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-filer (*.json);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Export written</source>
        <translation>Eksporten er skrevet</translation>
    </message>
    <message>
        <source>Your whole journal is exported to %1. The file is not encrypted: keep it as carefully as the notes themselves.</source>
        <translation>Hele journalen er eksportert til %1. Filen er ikke kryptert: ta like godt vare på den som på selve notatene.</translation>
    </message>
    <message>
        <source>Exporting your journal…</source>
        <translation>Eksporterer journalen …</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>Passordfrasen er byttet</translation>
    </message>
    <message>
        <source>Check the vault — ClientJournal</source>
        <translation>Kontroller journalen — ClientJournal</translation>
    </message>
    <message>
        <source>Checking every record…</source>
        <translation>Kontrollerer hver post …</translation>
    </message>
    <message>
        <source>Forget this device — ClientJournal</source>
        <translation>Glem denne enheten — ClientJournal</translation>
    </message>
    <message>
        <source>This device will no longer unlock your journal by itself. The next time you unlock it, you will need your passphrase or your recovery key.</source>
        <translation>Denne enheten vil ikke lenger låse opp journalen av seg selv. Neste gang du låser den opp, trenger du passordfrasen eller gjenopprettingsnøkkelen.</translation>
    </message>
    <message>
        <source>This device is forgotten: unlocking needs your passphrase from now on.</source>
        <translation>Denne enheten er glemt: fra nå av trengs passordfrasen for å låse opp.</translation>
    </message>
    <message>
        <source>This device was not remembered, so there was nothing to forget.</source>
        <translation>Denne enheten var ikke husket, så det var ingenting å glemme.</translation>
    </message>
</context>
<context>
    <name>FileChoice</name>
    <message>
        <source>%1 is a folder. Choose a file name.</source>
        <translation>%1 er en mappe. Velg et filnavn.</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 finnes allerede. Vil du erstatte den?</translation>
    </message>
    <message>
        <source>The file could not be used: %1.</source>
        <translation>Filen kunne ikke brukes: %1.</translation>
    </message>
</context>
<context>
    <name>FileResults</name>
    <message>
        <source>Imported: %1 new and %2 updated clients, %3 new and %4 updated projects, %5 new and %6 updated entries (%7 unchanged).</source>
        <translation>Importert: klienter %1 nye og %2 oppdaterte, prosjekter %3 nye og %4 oppdaterte, notater %5 nye og %6 oppdaterte (%7 uendret).</translation>
    </message>
    <message>
        <source>Notes on the file:</source>
        <translation>Merknader om filen:</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… og %n til</numerusform>
            <numerusform>… og %n til</numerusform>
        </translation>
    </message>
    <message>
        <source>Import — ClientJournal</source>
        <translation>Import — ClientJournal</translation>
    </message>
    <message>
        <source>%1 was not imported</source>
        <translation>%1 ble ikke importert</translation>
    </message>
    <message numerus="yes">
        <source>The file has %n problem(s), listed below with where each is in the file. Nothing in your journal was changed. Fix the file and import it again.</source>
        <translation>
            <numerusform>Filen har %n feil, vist nedenfor med hvor den er i filen. Ingenting i journalen ble endret. Rett filen og importer den på nytt.</numerusform>
            <numerusform>Filen har %n feil, vist nedenfor med hvor hver av dem er i filen. Ingenting i journalen ble endret. Rett filen og importer den på nytt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Where in the file</source>
        <translation>Hvor i filen</translation>
    </message>
    <message>
        <source>Your journal is in good order. Verified: clients %1, projects %2, entries %3.</source>
        <translation>Journalen er i orden. Kontrollert: klienter %1, prosjekter %2, notater %3.</translation>
    </message>
    <message numerus="yes">
        <source>The check found %n problem(s)</source>
        <translation>
            <numerusform>Kontrollen fant %n feil</numerusform>
            <numerusform>Kontrollen fant %n feil</numerusform>
        </translation>
    </message>
    <message>
        <source>These records are damaged or were changed outside ClientJournal; everything else was verified. Restoring from a backup made before the damage brings them back.</source>
        <translation>Disse postene er skadet eller ble endret utenfor ClientJournal; alt annet er kontrollert. Gjenoppretting fra en sikkerhetskopi tatt før skaden henter dem tilbake.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search the journal</source>
        <translation>Søk i journalen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Filter by kind</source>
        <translation>Filtrer etter type</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Filter by playbook step</source>
        <translation>Filtrer etter steg i spilleboken</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>Humør</translation>
    </message>
    <message>
        <source>Filter by mood</source>
        <translation>Filtrer etter humør</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Filter by channel</source>
        <translation>Filtrer etter kanal</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Prosjekt</translation>
    </message>
    <message>
        <source>Filter by project</source>
        <translation>Filtrer etter prosjekt</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Fjern filtre</translation>
    </message>
    <message>
        <source>Show every entry again</source>
        <translation>Vis alle notater igjen</translation>
    </message>
    <message>
        <source>Group the timeline by day, week or month</source>
        <translation>Grupper tidslinjen etter dag, uke eller måned</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>Per dag</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>Per uke</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Per måned</translation>
    </message>
    <message>
        <source>Group the timeline by</source>
        <translation>Grupper tidslinjen etter</translation>
    </message>
</context>
<context>
    <name>FilterButton</name>
    <message>
        <source>Show all</source>
        <translation>Vis alle</translation>
    </message>
    <message>
        <source>no filter</source>
        <translation>ingen filter</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>&amp;About ClientJournal</source>
        <translation>&amp;Om ClientJournal</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Hurtigtaster</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <source>(locked)</source>
        <translation>(låst)</translation>
    </message>
</context>
<context>
    <name>JournalEditor</name>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Angre %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Gjør om %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>Angre siste endring</translation>
    </message>
    <message>
        <source>Redo what was undone</source>
        <translation>Gjør om det som ble angret</translation>
    </message>
    <message>
        <source>&amp;Edit entry…</source>
        <translation>&amp;Rediger notat …</translation>
    </message>
    <message>
        <source>Edit the selected entry</source>
        <translation>Rediger det valgte notatet</translation>
    </message>
    <message>
        <source>&amp;Delete entry…</source>
        <translation>&amp;Slett notat …</translation>
    </message>
    <message>
        <source>Delete the selected entry</source>
        <translation>Slett det valgte notatet</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Innstillinger …</translation>
    </message>
    <message>
        <source>Language, auto-lock and colour scheme</source>
        <translation>Språk, automatisk låsing og fargetema</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>R&amp;ediger</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Nytt notat</translation>
    </message>
    <message>
        <source>Edit entry</source>
        <translation>Rediger notat</translation>
    </message>
    <message>
        <source>Delete entry — ClientJournal</source>
        <translation>Slett notat — ClientJournal</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(ingen tekst)</translation>
    </message>
    <message>
        <source>Delete this journal entry?</source>
        <translation>Slette dette journalnotatet?</translation>
    </message>
    <message>
        <source>“%1”

You can bring it back with Edit ▸ Undo until the journal is locked.</source>
        <translation>«%1»

Du kan hente det tilbake med Rediger ▸ Angre helt til journalen låses.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>Slett notat</translation>
    </message>
    <message>
        <source>ClientJournal</source>
        <translation>ClientJournal</translation>
    </message>
    <message>
        <source>Could not undo “%1”.</source>
        <translation>Kunne ikke angre «%1».</translation>
    </message>
    <message>
        <source>Could not redo “%1”.</source>
        <translation>Kunne ikke gjøre om «%1».</translation>
    </message>
    <message>
        <source>The entry was changed or deleted somewhere else (another window or device) since then. Nothing was changed, and the undo history stays where it was.</source>
        <translation>Oppføringen er endret eller slettet et annet sted (et annet vindu eller en annen enhet) siden da. Ingenting ble endret, og angrehistorikken står der den sto.</translation>
    </message>
</context>
<context>
    <name>JournalHeader</name>
    <message numerus="yes">
        <source>updates every %n days</source>
        <translation>
            <numerusform>oppdatering hver dag</numerusform>
            <numerusform>oppdatering hver %n. dag</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Telefonsamtale</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Møte</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Contract signed</source>
        <translation>Kontrakt signert</translation>
    </message>
    <message>
        <source>Progress update</source>
        <translation>Statusoppdatering</translation>
    </message>
    <message>
        <source>Change request</source>
        <translation>Endringsønske</translation>
    </message>
    <message>
        <source>Change agreed</source>
        <translation>Endring avtalt</translation>
    </message>
    <message>
        <source>Setback</source>
        <translation>Tilbakeslag</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Løfte</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Leveranse</translation>
    </message>
    <message>
        <source>Problem solved</source>
        <translation>Problem løst</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Ikke satt</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>Videomøte</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Oppmøte</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Annet</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpent</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Holdt</translation>
    </message>
    <message>
        <source>Kept early</source>
        <translation>Holdt før tiden</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Brutt</translation>
    </message>
    <message>
        <source>enthusiastic</source>
        <translation>begeistret</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>fornøyd</translation>
    </message>
    <message>
        <source>calm</source>
        <translation>rolig</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>nøytral</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>usikker</translation>
    </message>
    <message>
        <source>anxious</source>
        <translation>engstelig</translation>
    </message>
    <message>
        <source>frustrated</source>
        <translation>frustrert</translation>
    </message>
    <message>
        <source>angry</source>
        <translation>sint</translation>
    </message>
</context>
<context>
    <name>LedgerPanel</name>
    <message>
        <source>PROMISES</source>
        <translation>LØFTER</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>holdt</translation>
    </message>
    <message>
        <source>early</source>
        <translation>før tiden</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>brutt</translation>
    </message>
    <message>
        <source>open</source>
        <translation>åpne</translation>
    </message>
    <message>
        <source>Promises kept on time</source>
        <translation>Løfter holdt i tide</translation>
    </message>
    <message>
        <source>No promises recorded yet.</source>
        <translation>Ingen løfter er notert ennå.</translation>
    </message>
    <message>
        <source>No promise resolved yet.</source>
        <translation>Ingen løfter er avgjort ennå.</translation>
    </message>
    <message>
        <source>%1 % kept on time (%2 of %3)</source>
        <translation>%1 % holdt i tide (%2 av %3)</translation>
    </message>
    <message>
        <source>Promises: %1 kept, %2 kept early, %3 broken, %4 open</source>
        <translation>Løfter: %1 holdt, %2 holdt før tiden, %3 brutt, %4 åpne</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ClientJournal</source>
        <translation>ClientJournal</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Nytt notat …</translation>
    </message>
    <message>
        <source>Write a new journal entry</source>
        <translation>Skriv et nytt journalnotat</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>Lock the vault</source>
        <translation>Lås journalen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>Quit ClientJournal</source>
        <translation>Avslutt ClientJournal</translation>
    </message>
    <message>
        <source>New &amp;client…</source>
        <translation>Ny &amp;klient …</translation>
    </message>
    <message>
        <source>Add a client</source>
        <translation>Legg til en klient</translation>
    </message>
    <message>
        <source>&amp;Edit client…</source>
        <translation>&amp;Rediger klient …</translation>
    </message>
    <message>
        <source>Edit the selected client</source>
        <translation>Rediger den valgte klienten</translation>
    </message>
    <message>
        <source>&amp;Find client</source>
        <translation>&amp;Finn klient</translation>
    </message>
    <message>
        <source>Search clients</source>
        <translation>Søk etter klienter</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;Client</source>
        <translation>&amp;Klient</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hovedverktøylinje</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klienter</translation>
    </message>
    <message>
        <source>Show &amp;archived clients</source>
        <translation>Vis &amp;arkiverte klienter</translation>
    </message>
    <message>
        <source>Show archived clients</source>
        <translation>Vis arkiverte klienter</translation>
    </message>
    <message>
        <source>Coach</source>
        <translation>Coach</translation>
    </message>
    <message>
        <source>all clients</source>
        <translation>alle klienter</translation>
    </message>
    <message>
        <source>No entries yet.
Press %1 to write the first one.</source>
        <translation>Ingen notater ennå.
Trykk %1 for å skrive det første.</translation>
    </message>
    <message>
        <source>No clients yet.
Add your first client with %1.</source>
        <translation>Ingen klienter ennå.
Legg til den første klienten med %1.</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle klienter</translation>
    </message>
    <message>
        <source>Every journal, newest first</source>
        <translation>Alle journaler, nyeste først</translation>
    </message>
    <message>
        <source>prefers email</source>
        <translation>foretrekker e-post</translation>
    </message>
    <message>
        <source>prefers phone calls</source>
        <translation>foretrekker telefon</translation>
    </message>
    <message>
        <source>prefers video calls</source>
        <translation>foretrekker videomøter</translation>
    </message>
    <message>
        <source>prefers meeting in person</source>
        <translation>foretrekker å møtes fysisk</translation>
    </message>
    <message>
        <source>prefers messages</source>
        <translation>foretrekker meldinger</translation>
    </message>
    <message>
        <source>prefers another channel</source>
        <translation>foretrekker en annen kanal</translation>
    </message>
    <message>
        <source>prefers %1</source>
        <translation>foretrekker %1</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>arkivert</translation>
    </message>
    <message>
        <source>Add a client first: every entry belongs to a client.</source>
        <translation>Legg til en klient først: alle notater hører til en klient.</translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
</context>
<context>
    <name>MoodChip</name>
    <message>
        <source>Mood: %1</source>
        <translation>Humør: %1</translation>
    </message>
</context>
<context>
    <name>MoodPicker</name>
    <message>
        <source>Client&apos;s mood</source>
        <translation>Klientens humør</translation>
    </message>
    <message>
        <source>Arrow keys choose a mood, Space ticks or unticks it.</source>
        <translation>Piltastene velger et humør, mellomromstasten krysser av eller fjerner krysset.</translation>
    </message>
</context>
<context>
    <name>MoodTrendChart</name>
    <message>
        <source>Mood trend</source>
        <translation>Humørutvikling</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>daglig</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>ukentlig</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>månedlig</translation>
    </message>
    <message>
        <source>rising</source>
        <translation>stigende</translation>
    </message>
    <message>
        <source>falling</source>
        <translation>fallende</translation>
    </message>
    <message>
        <source>steady</source>
        <translation>stabil</translation>
    </message>
    <message>
        <source>No moods logged yet.</source>
        <translation>Ikke noe humør notert ennå.</translation>
    </message>
    <message numerus="yes">
        <source>Mood trend for %1, %2: %n points from %3 to %4; latest %5.</source>
        <translation>
            <numerusform>Humørutvikling for %1, %2: %n punkt fra %3 til %4; siste %5.</numerusform>
            <numerusform>Humørutvikling for %1, %2: %n punkter fra %3 til %4; siste %5.</numerusform>
        </translation>
    </message>
    <message>
        <source>The mood is %1.</source>
        <translation>Humøret er %1.</translation>
    </message>
    <message>
        <source>No moods logged yet: add mood tags to entries to see a trend.</source>
        <translation>Ikke noe humør notert ennå: legg humør til notatene for å se utviklingen.</translation>
    </message>
    <message>
        <source>Mood trend · %1 · %2</source>
        <translation>Humørutvikling · %1 · %2</translation>
    </message>
    <message>
        <source>%1: mood %2 (%3)</source>
        <translation>%1: humør %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n notat</numerusform>
            <numerusform>%n notater</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewPassphraseFields</name>
    <message>
        <source>New passphrase</source>
        <translation>Ny passordfrase</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Minst %1 tegn</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Ny passordfrase:</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Gjenta den nye passordfrasen</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Gjenta:</translation>
    </message>
    <message>
        <source>The new passphrase is too short: use at least %1 characters.</source>
        <translation>Den nye passordfrasen er for kort: bruk minst %1 tegn.</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same. Type the same one twice.</source>
        <translation>De to nye passordfrasene er ikke like. Skriv den samme to ganger.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences — ClientJournal</source>
        <translation>Innstillinger — ClientJournal</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemets språk</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Lås etter minutter uten aktivitet</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Aldri</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock &amp;after:</source>
        <translation>Lås &amp;etter:</translation>
    </message>
    <message>
        <source>The journal locks itself after this long without keyboard or mouse use.</source>
        <translation>Journalen låser seg selv etter så lang tid uten bruk av tastatur eller mus.</translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation>Fargetema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Følg systemet</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Lyst</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mørkt</translation>
    </message>
    <message>
        <source>Colour &amp;scheme:</source>
        <translation>&amp;Fargetema:</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>Det nye språket tas i bruk neste gang appen starter.</translation>
    </message>
    <message>
        <source>Show client &amp;names in notifications</source>
        <translation>Vis klient&amp;navn i varsler</translation>
    </message>
    <message>
        <source>Reminders:</source>
        <translation>Påminnelser:</translation>
    </message>
    <message>
        <source>When I close the window</source>
        <translation>Når jeg lukker vinduet</translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation>Fortsett å kjøre i systemkurven</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avslutt</translation>
    </message>
    <message>
        <source>Minimise</source>
        <translation>Minimer</translation>
    </message>
    <message>
        <source>When I &amp;close the window:</source>
        <translation>Når jeg &amp;lukker vinduet:</translation>
    </message>
    <message>
        <source>This desktop shows no tray icons (GNOME needs the AppIndicator extension for them), so ClientJournal cannot keep running there: reminders show inside the window while it is open.</source>
        <translation>Dette skrivebordet viser ingen ikoner i systemkurven (GNOME trenger utvidelsen AppIndicator for det), så ClientJournal kan ikke fortsette å kjøre der: påminnelsene vises i vinduet mens det er åpent.</translation>
    </message>
    <message>
        <source>Start ClientJournal when I log &amp;in</source>
        <translation>Start ClientJournal når jeg logger &amp;inn</translation>
    </message>
    <message>
        <source>Start-up:</source>
        <translation>Oppstart:</translation>
    </message>
    <message>
        <source>Inside a Flatpak sandbox ClientJournal cannot add itself to your login: add it in your desktop&apos;s settings for start-up applications.</source>
        <translation>I en Flatpak-sandkasse kan ikke ClientJournal legge seg til ved innlogging selv: legg det til under oppstartsprogrammer i innstillingene for skrivebordet.</translation>
    </message>
    <message>
        <source>At login ClientJournal starts in the background, for your reminders (%1).</source>
        <translation>Ved innlogging starter ClientJournal i bakgrunnen, for påminnelsene dine (%1).</translation>
    </message>
    <message>
        <source>Off: reminders come only while ClientJournal is running.</source>
        <translation>Av: påminnelser kommer bare mens ClientJournal kjører.</translation>
    </message>
    <message>
        <source>Start at login could not be changed: %1</source>
        <translation>Oppstart ved innlogging kunne ikke endres: %1</translation>
    </message>
    <message>
        <source>&amp;Forget this device</source>
        <translation>&amp;Glem denne enheten</translation>
    </message>
    <message>
        <source>Forget this device?</source>
        <translation>Glemme denne enheten?</translation>
    </message>
    <message>
        <source>This device will no longer unlock your journal by itself. The next time you unlock it, you will need your passphrase or your recovery key.</source>
        <translation>Denne enheten låser ikke lenger opp journalen av seg selv. Neste gang du låser den opp, trenger du passordfrasen eller gjenopprettingsnøkkelen.</translation>
    </message>
    <message>
        <source>This device:</source>
        <translation>Denne enheten:</translation>
    </message>
    <message>
        <source>Stops this device unlocking your journal without the passphrase. Unlocking then needs your passphrase or recovery key.</source>
        <translation>Gjør at denne enheten ikke lenger låser opp journalen uten passordfrasen. Da trengs passordfrasen eller gjenopprettingsnøkkelen for å låse opp.</translation>
    </message>
    <message>
        <source>This device is forgotten: unlocking needs your passphrase from now on.</source>
        <translation>Denne enheten er glemt: fra nå av trengs passordfrasen for å låse opp.</translation>
    </message>
    <message>
        <source>This device was not remembered, so there was nothing to forget.</source>
        <translation>Denne enheten var ikke husket, så det var ingenting å glemme.</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Problems</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>&amp;Copy the list</source>
        <translation>&amp;Kopier listen</translation>
    </message>
    <message>
        <source>Copy every problem as text, one per line</source>
        <translation>Kopier alle feilene som tekst, én per linje</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>Active</source>
        <translation>Aktivt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Avlyst</translation>
    </message>
    <message>
        <source>New project — ClientJournal</source>
        <translation>Nytt prosjekt — ClientJournal</translation>
    </message>
    <message>
        <source>Edit project — ClientJournal</source>
        <translation>Rediger prosjekt — ClientJournal</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nytt prosjekt</translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation>Rediger prosjekt</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>Prosjektets tittel</translation>
    </message>
    <message>
        <source>e.g. New website</source>
        <translation>f.eks. Nytt nettsted</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tittel:</translation>
    </message>
    <message>
        <source>Contract signed on</source>
        <translation>Kontrakt signert</translation>
    </message>
    <message>
        <source>&amp;Contract signed:</source>
        <translation>&amp;Kontrakt signert:</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Frist:</translation>
    </message>
    <message>
        <source>Project status</source>
        <translation>Prosjektets status</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>Levert</translation>
    </message>
    <message>
        <source>De&amp;livered:</source>
        <translation>&amp;Levert:</translation>
    </message>
    <message>
        <source>A project needs a title.</source>
        <translation>Et prosjekt må ha en tittel.</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Vis detaljer …</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Skjul detaljer …</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lagre alle</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ja til &amp;alle</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nei</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;ei til alle</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Prøv igjen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Forkast</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hjelp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Bruk</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Tilbakestill</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Gjenopprett standardverdier</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Kopier &amp;lenkeadresse</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>Selected entry</source>
        <translation>Valgt notat</translation>
    </message>
    <message>
        <source>Select an entry to read it here.</source>
        <translation>Velg et notat for å lese det her.</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>via %1</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(ingen tekst)</translation>
    </message>
    <message>
        <source>Related entries in this project</source>
        <translation>Relaterte notater i dette prosjektet</translation>
    </message>
    <message>
        <source>This entry cannot be read</source>
        <translation>Dette notatet kan ikke leses</translation>
    </message>
    <message>
        <source>Its stored copy is damaged, so only its time and client are known. Everything else in the journal is shown as usual. Check the vault to find every damaged record, or restore the vault from a backup.</source>
        <translation>Den lagrede kopien er skadet, så bare tidspunktet og klienten er kjent. Alt annet i journalen vises som vanlig. Kontroller journalen for å finne alle skadede poster, eller gjenopprett journalen fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>frist %1</translation>
    </message>
    <message>
        <source>resolved %1</source>
        <translation>avgjort %1</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Løfte</translation>
    </message>
    <message>
        <source>The client was told on %1</source>
        <translation>Klienten fikk beskjed %1</translation>
    </message>
    <message>
        <source>The client has not been told yet</source>
        <translation>Klienten har ikke fått beskjed ennå</translation>
    </message>
</context>
<context>
    <name>RecoveryPassphraseDialog</name>
    <message>
        <source>Choose a new passphrase — ClientJournal</source>
        <translation>Velg en ny passordfrase — ClientJournal</translation>
    </message>
    <message>
        <source>Choose a new passphrase</source>
        <translation>Velg en ny passordfrase</translation>
    </message>
    <message>
        <source>You unlocked your journal with the recovery key. Choose a new passphrase now: from now on it opens your journal, and your recovery key keeps working as before. If you choose not to, your journal is locked again and nothing is changed.</source>
        <translation>Du låste opp journalen med gjenopprettingsnøkkelen. Velg en ny passordfrase nå: fra nå av er det den som åpner journalen, og gjenopprettingsnøkkelen virker som før. Velger du å la være, låses journalen igjen, og ingenting endres.</translation>
    </message>
    <message>
        <source>&amp;Lock again</source>
        <translation>&amp;Lås igjen</translation>
    </message>
    <message>
        <source>&amp;Save the new passphrase</source>
        <translation>&amp;Lagre den nye passordfrasen</translation>
    </message>
</context>
<context>
    <name>ReminderCenter</name>
    <message>
        <source>ClientJournal is still running</source>
        <translation>ClientJournal kjører fortsatt</translation>
    </message>
    <message>
        <source>Reminders keep coming here. To quit, choose Quit in this icon&apos;s menu.</source>
        <translation>Påminnelsene kommer fortsatt her. Velg Avslutt i menyen til dette ikonet for å avslutte.</translation>
    </message>
    <message>
        <source>ClientJournal has quit</source>
        <translation>ClientJournal er avsluttet</translation>
    </message>
    <message>
        <source>This desktop shows no tray icons, so closing the window quits and reminders wait until you start ClientJournal again. To keep them coming, choose Minimise in Preferences under “When I close the window”.</source>
        <translation>Dette skrivebordet viser ingen ikoner i systemstatusfeltet, så når du lukker vinduet, avsluttes programmet, og påminnelsene venter til du starter ClientJournal igjen. Velg Minimer under «Når jeg lukker vinduet» i Innstillinger for å fortsette å få dem.</translation>
    </message>
    <message>
        <source>Reminder snoozed</source>
        <translation>Påminnelsen er utsatt</translation>
    </message>
    <message>
        <source>Reminder done</source>
        <translation>Påminnelsen er gjort</translation>
    </message>
    <message>
        <source>Reminder dismissed</source>
        <translation>Påminnelsen er avvist</translation>
    </message>
</context>
<context>
    <name>ReminderNotifications</name>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gjort</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>Utsett 1 time</translation>
    </message>
    <message>
        <source>ClientJournal is running</source>
        <translation>ClientJournal kjører</translation>
    </message>
    <message>
        <source>Unlock it to get your reminders.</source>
        <translation>Lås den opp for å få påminnelsene dine.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Lås opp</translation>
    </message>
</context>
<context>
    <name>ReminderText</name>
    <message>
        <source>the client</source>
        <translation>klienten</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Frist i dag</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Forfalt siden %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Frist %1</translation>
    </message>
    <message numerus="yes">
        <source>%n reminders — unlock to see them</source>
        <translation>
            <numerusform>%n påminnelse — lås opp for å se den</numerusform>
            <numerusform>%n påminnelser — lås opp for å se dem</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders while you were away</source>
        <translation>
            <numerusform>%n påminnelse mens du var borte</numerusform>
            <numerusform>%n påminnelser mens du var borte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders due</source>
        <translation>
            <numerusform>%n påminnelse nå</numerusform>
            <numerusform>%n påminnelser nå</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>og %n til</numerusform>
            <numerusform>og %n til</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderTray</name>
    <message numerus="yes">
        <source>ClientJournal — locked, %n reminders due</source>
        <translation>
            <numerusform>ClientJournal — låst, %n påminnelse nå</numerusform>
            <numerusform>ClientJournal — låst, %n påminnelser nå</numerusform>
        </translation>
    </message>
    <message>
        <source>ClientJournal — locked</source>
        <translation>ClientJournal — låst</translation>
    </message>
    <message numerus="yes">
        <source>ClientJournal — %n reminders due</source>
        <translation>
            <numerusform>ClientJournal — %n påminnelse nå</numerusform>
            <numerusform>ClientJournal — %n påminnelser nå</numerusform>
        </translation>
    </message>
    <message>
        <source>ClientJournal — no reminders due</source>
        <translation>ClientJournal — ingen påminnelser nå</translation>
    </message>
    <message>
        <source>&amp;Open ClientJournal</source>
        <translation>&amp;Åpne ClientJournal</translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation>Lås &amp;opp …</translation>
    </message>
    <message numerus="yes">
        <source>%n reminders — unlock to see them</source>
        <translation>
            <numerusform>%n påminnelse — lås opp for å se den</numerusform>
            <numerusform>%n påminnelser — lås opp for å se dem</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked: unlock to see your reminders</source>
        <translation>Låst: lås opp for å se påminnelsene</translation>
    </message>
    <message numerus="yes">
        <source>%n reminders due</source>
        <translation>
            <numerusform>%n påminnelse nå</numerusform>
            <numerusform>%n påminnelser nå</numerusform>
        </translation>
    </message>
    <message>
        <source>No reminders due</source>
        <translation>Ingen påminnelser nå</translation>
    </message>
    <message>
        <source>Coming up</source>
        <translation>Kommer snart</translation>
    </message>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Nytt notat …</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>Snooze &amp;10 minutes</source>
        <translation>Utsett &amp;10 minutter</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;hour</source>
        <translation>Utsett 1 &amp;time</translation>
    </message>
    <message>
        <source>Snooze until &amp;tomorrow morning</source>
        <translation>Utsett til i &amp;morgen tidlig</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Gjort</translation>
    </message>
</context>
<context>
    <name>RemindersPanel</name>
    <message>
        <source>&amp;Snooze</source>
        <translation>&amp;Utsett</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 minutter</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 time</translation>
    </message>
    <message>
        <source>Tomorrow morning</source>
        <translation>I morgen tidlig</translation>
    </message>
    <message>
        <source>D&amp;one</source>
        <translation>G&amp;jort</translation>
    </message>
    <message>
        <source>Dis&amp;miss</source>
        <translation>A&amp;vvis</translation>
    </message>
    <message>
        <source>Due reminders</source>
        <translation>Påminnelser nå</translation>
    </message>
    <message numerus="yes">
        <source>%n reminders due</source>
        <translation>
            <numerusform>%n påminnelse nå</numerusform>
            <numerusform>%n påminnelser nå</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Export summary PDF — ClientJournal</source>
        <translation>Eksporter sammendrag som PDF — ClientJournal</translation>
    </message>
    <message>
        <source>Export summary PDF</source>
        <translation>Eksporter sammendrag som PDF</translation>
    </message>
    <message>
        <source>&amp;Clients:</source>
        <translation>&amp;Klienter:</translation>
    </message>
    <message>
        <source>Clients in the report</source>
        <translation>Klienter i rapporten</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (arkivert)</translation>
    </message>
    <message>
        <source>&amp;All active</source>
        <translation>&amp;Alle aktive</translation>
    </message>
    <message>
        <source>Choose all active clients</source>
        <translation>Velg alle aktive klienter</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>&amp;Ingen</translation>
    </message>
    <message>
        <source>Choose no clients</source>
        <translation>Velg bort alle klienter</translation>
    </message>
    <message>
        <source>For &amp;my records</source>
        <translation>Til eget &amp;bruk</translation>
    </message>
    <message>
        <source>For my records</source>
        <translation>Til eget bruk</translation>
    </message>
    <message>
        <source>Everything, with moods, temperament notes and the coach&apos;s suggestions: not for sharing.</source>
        <translation>Alt, med humør, notater om temperament og coachens forslag: ikke til deling.</translation>
    </message>
    <message>
        <source>For the cl&amp;ient</source>
        <translation>Til k&amp;unden</translation>
    </message>
    <message>
        <source>For the client</source>
        <translation>Til kunden</translation>
    </message>
    <message>
        <source>Projects, agreed changes, deliveries, solved problems and promises: ready to hand over.</source>
        <translation>Prosjekter, avtalte endringer, leveranser, løste problemer og løfter: klar til å gis videre.</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>For:</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Rapportens språk</translation>
    </message>
    <message>
        <source>The client&apos;s language</source>
        <translation>Klientens språk</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Fra</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Perioden fra</translation>
    </message>
    <message>
        <source>Start the period on a date</source>
        <translation>La perioden begynne på en dato</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Perioden til</translation>
    </message>
    <message>
        <source>End the period on a date</source>
        <translation>La perioden slutte på en dato</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periode:</translation>
    </message>
    <message>
        <source>Leave both unticked for the whole journal.</source>
        <translation>La begge være uten hake for hele journalen.</translation>
    </message>
    <message>
        <source>Include &amp;private notes (entries without a channel)</source>
        <translation>Ta med p&amp;rivate notater (de uten kanal)</translation>
    </message>
    <message>
        <source>Include private notes</source>
        <translation>Ta med private notater</translation>
    </message>
    <message>
        <source>Mas&amp;k contact details</source>
        <translation>&amp;Masker kontaktopplysninger</translation>
    </message>
    <message>
        <source>Mask contact details</source>
        <translation>Masker kontaktopplysninger</translation>
    </message>
    <message>
        <source>Show only the start of the email address and phone number</source>
        <translation>Vis bare begynnelsen av e-postadressen og telefonnummeret</translation>
    </message>
    <message>
        <source>Print “Confidential” on e&amp;very page</source>
        <translation>Skriv «Konfidensielt» på &amp;hver side</translation>
    </message>
    <message>
        <source>Confidential footer</source>
        <translation>Bunntekst «Konfidensielt»</translation>
    </message>
    <message>
        <source>Include:</source>
        <translation>Ta med:</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>&amp;Lagre som:</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>PDF-fil</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Velg …</translation>
    </message>
    <message>
        <source>Choose the PDF file</source>
        <translation>Velg PDF-filen</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Framdrift for eksporten</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Åpne</translation>
    </message>
    <message>
        <source>Open the PDF</source>
        <translation>Åpne PDF-en</translation>
    </message>
    <message>
        <source>Show in fol&amp;der</source>
        <translation>Vis i ma&amp;ppe</translation>
    </message>
    <message>
        <source>Show the PDF in its folder</source>
        <translation>Vis PDF-en i mappen den ligger i</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Eksporter</translation>
    </message>
    <message>
        <source>Export the PDF</source>
        <translation>Eksporter PDF-en</translation>
    </message>
    <message>
        <source>The client&apos;s language (%1)</source>
        <translation>Klientens språk (%1)</translation>
    </message>
    <message>
        <source>Each client&apos;s language</source>
        <translation>Hver klients eget språk</translation>
    </message>
    <message>
        <source>%1 – summary.pdf</source>
        <translation>%1 – sammendrag.pdf</translation>
    </message>
    <message>
        <source>Client summaries.pdf</source>
        <translation>Klientsammendrag.pdf</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>sammendrag</translation>
    </message>
    <message>
        <source>A report for the client never shows private notes</source>
        <translation>En rapport til kunden viser aldri private notater</translation>
    </message>
    <message>
        <source>Save the summary PDF</source>
        <translation>Lagre sammendraget som PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>Replace file? — ClientJournal</source>
        <translation>Erstatte filen? — ClientJournal</translation>
    </message>
    <message>
        <source>“%1” already exists. Replace it?</source>
        <translation>«%1» finnes allerede. Vil du erstatte den?</translation>
    </message>
    <message>
        <source>The file in %1 is overwritten with the new summary.</source>
        <translation>Filen i %1 blir overskrevet med det nye sammendraget.</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Erstatt</translation>
    </message>
    <message>
        <source>Tick at least one client to put in the report.</source>
        <translation>Sett hake ved minst én klient som skal være med i rapporten.</translation>
    </message>
    <message>
        <source>Give the PDF a file name.</source>
        <translation>Gi PDF-en et filnavn.</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>Perioden begynner etter at den slutter.</translation>
    </message>
    <message>
        <source>Nothing was written: choose another file name, or replace.</source>
        <translation>Ingenting ble skrevet: velg et annet filnavn, eller erstatt filen.</translation>
    </message>
    <message>
        <source>Reading the journals…</source>
        <translation>Leser journalene …</translation>
    </message>
    <message>
        <source>Laying out the report…</source>
        <translation>Setter opp rapporten …</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>Lager PDF-en …</translation>
    </message>
    <message>
        <source>Saving the file…</source>
        <translation>Lagrer filen …</translation>
    </message>
    <message>
        <source>Waiting for the journal…</source>
        <translation>Venter på journalen …</translation>
    </message>
    <message numerus="yes">
        <source>Saved “%1” (%n page(s)).</source>
        <translation>
            <numerusform>Lagret «%1» (%n side).</numerusform>
            <numerusform>Lagret «%1» (%n sider).</numerusform>
        </translation>
    </message>
    <message>
        <source>Summary PDF saved</source>
        <translation>Sammendraget er lagret som PDF</translation>
    </message>
    <message>
        <source>The folder %1 does not exist. Choose another place for the PDF.</source>
        <translation>Mappen %1 finnes ikke. Velg et annet sted for PDF-en.</translation>
    </message>
    <message>
        <source>You cannot save files in %1. Choose another folder.</source>
        <translation>Du kan ikke lagre filer i %1. Velg en annen mappe.</translation>
    </message>
    <message>
        <source>%1 is a folder. Give the PDF a file name.</source>
        <translation>%1 er en mappe. Gi PDF-en et filnavn.</translation>
    </message>
    <message>
        <source>A client in the report no longer exists (deleted meanwhile?). Close this dialog and try again.</source>
        <translation>En klient i rapporten finnes ikke lenger (slettet i mellomtiden?). Lukk dialogen og prøv igjen.</translation>
    </message>
    <message>
        <source>“%1” appeared meanwhile. Export again to replace it.</source>
        <translation>«%1» dukket opp i mellomtiden. Eksporter på nytt for å erstatte den.</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2</source>
        <translation>Kunne ikke skrive «%1»: %2</translation>
    </message>
    <message>
        <source>The PDF could not be made. The details were written to the log file.</source>
        <translation>PDF-en kunne ikke lages. Detaljene ble skrevet til loggfilen.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details were written to the log file.</source>
        <translation>Noe uventet gikk galt. Detaljene ble skrevet til loggfilen.</translation>
    </message>
    <message>
        <source>No PDF viewer opened. The file is saved as %1: open it from your file manager.</source>
        <translation>Ingen PDF-leser ble åpnet. Filen er lagret som %1: åpne den fra filbehandleren.</translation>
    </message>
    <message>
        <source>The folder %1 could not be opened.</source>
        <translation>Mappen %1 kunne ikke åpnes.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>contents unknown</source>
        <translation>ukjent innhold</translation>
    </message>
    <message numerus="yes">
        <source>%n clients</source>
        <translation>
            <numerusform>%n klient</numerusform>
            <numerusform>%n klienter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n notat</numerusform>
            <numerusform>%n notater</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore from a backup — ClientJournal</source>
        <translation>Gjenopprett fra en sikkerhetskopi — ClientJournal</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Gjenopprett fra en sikkerhetskopi</translation>
    </message>
    <message>
        <source>Reading the backups…</source>
        <translation>Leser sikkerhetskopiene …</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sikkerhetskopier</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Tatt</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Inneholder</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <source>Choose a &amp;file…</source>
        <translation>Velg en &amp;fil …</translation>
    </message>
    <message>
        <source>This backup is of another journal. Its &amp;passphrase:</source>
        <translation>Denne sikkerhetskopien er av en annen journal. Dens &amp;passordfrase:</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Passordfrasen til sikkerhetskopien</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Gjenopprett …</translation>
    </message>
    <message>
        <source>This journal is kept on a database server, so ClientJournal keeps no backups of it and cannot restore one from the window: use the server&apos;s own backups, or &apos;clientjournal-cli restore&apos;.</source>
        <translation>Denne journalen ligger på en databaseserver, så ClientJournal tar ingen sikkerhetskopier av den og kan ikke gjenopprette en fra vinduet: bruk serverens egne sikkerhetskopier, eller «clientjournal-cli restore».</translation>
    </message>
    <message>
        <source>Your journal now holds %1. Choose the backup to bring back:</source>
        <translation>Journalen din inneholder nå %1. Velg sikkerhetskopien du vil hente tilbake:</translation>
    </message>
    <message>
        <source>No backups yet in the backup folder. Choose a backup file instead.</source>
        <translation>Ingen sikkerhetskopier i mappen ennå. Velg en sikkerhetskopifil i stedet.</translation>
    </message>
    <message>
        <source>%1 (before a restore)</source>
        <translation>%1 (før en gjenoppretting)</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Kontrollert</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Skadet</translation>
    </message>
    <message>
        <source>Not verified yet</source>
        <translation>Ikke kontrollert ennå</translation>
    </message>
    <message>
        <source>This backup is damaged and cannot be restored: %1</source>
        <translation>Denne sikkerhetskopien er skadet og kan ikke gjenopprettes: %1</translation>
    </message>
    <message>
        <source>Restoring replaces everything in your journal now (%1) with the backup of %2 (%3). Your journal as it is now is kept as a backup first. Then ClientJournal locks: unlock it with the passphrase that was in force when the backup was taken.</source>
        <translation>Gjenoppretting erstatter alt i journalen din nå (%1) med sikkerhetskopien fra %2 (%3). Journalen slik den er nå, tas vare på som en sikkerhetskopi først. Deretter låses ClientJournal: lås den opp med passordfrasen som gjaldt da sikkerhetskopien ble tatt.</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>Velg en sikkerhetskopifil</translation>
    </message>
    <message>
        <source>ClientJournal backups (*.sqlite3);;All files (*)</source>
        <translation>ClientJournal-sikkerhetskopier (*.sqlite3);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Gjenopprette denne sikkerhetskopien?</translation>
    </message>
    <message>
        <source>Everything in your journal now is replaced by the backup. Your journal as it is now is kept as a backup first, so you can go back.</source>
        <translation>Alt i journalen din nå erstattes av sikkerhetskopien. Journalen slik den er nå, tas vare på som en sikkerhetskopi først, så du kan gå tilbake.</translation>
    </message>
</context>
<context>
    <name>SenderName</name>
    <message>
        <source>Name to sign drafted messages with</source>
        <translation>Navnet utkast til meldinger signeres med</translation>
    </message>
    <message>
        <source>Your name, as clients know you</source>
        <translation>Navnet ditt, slik klientene kjenner deg</translation>
    </message>
    <message>
        <source>Sign &amp;drafts as:</source>
        <translation>Signer &amp;utkast som:</translation>
    </message>
    <message>
        <source>The coach&apos;s drafted messages end with this name.</source>
        <translation>Meldingsutkastene fra coachen avsluttes med dette navnet.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts — ClientJournal</source>
        <translation>Hurtigtaster — ClientJournal</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Hurtigtaster</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Taster</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>ClientJournal is already running</source>
        <translation>ClientJournal kjører allerede</translation>
    </message>
    <message>
        <source>ClientJournal is already open with this journal but does not respond. Close it (or wait for it to finish what it is doing) and start ClientJournal again.</source>
        <translation>ClientJournal er allerede åpen med denne journalen, men svarer ikke. Lukk den (eller vent til den er ferdig med det den holder på med) og start ClientJournal på nytt.</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze — ClientJournal</source>
        <translation>Utsett — ClientJournal</translation>
    </message>
    <message>
        <source>Snooze until…</source>
        <translation>Utsett til …</translation>
    </message>
    <message>
        <source>&amp;Tomorrow</source>
        <translation>&amp;I morgen</translation>
    </message>
    <message>
        <source>&amp;Next week</source>
        <translation>&amp;Neste uke</translation>
    </message>
    <message>
        <source>Snooze until tomorrow</source>
        <translation>Utsett til i morgen</translation>
    </message>
    <message>
        <source>Snooze for a week</source>
        <translation>Utsett en uke</translation>
    </message>
    <message>
        <source>Snooze until date</source>
        <translation>Utsett til dato</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>&amp;Utsett</translation>
    </message>
</context>
<context>
    <name>StepperWidget</name>
    <message>
        <source>Playbook step</source>
        <translation>Steg i spilleboken</translation>
    </message>
    <message>
        <source>Step %1 of 8: %2</source>
        <translation>Steg %1 av 8: %2</translation>
    </message>
    <message>
        <source>The project is here now.</source>
        <translation>Prosjektet er her nå.</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>Passphrase strength</source>
        <translation>Passordfrasens styrke</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>Svært svak</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Svak</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Middels</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Sterk</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>Svært sterk</translation>
    </message>
    <message>
        <source>Strength: type a passphrase</source>
        <translation>Styrke: skriv en passordfrase</translation>
    </message>
    <message>
        <source>Too short: use at least %1 characters</source>
        <translation>For kort: bruk minst %1 tegn</translation>
    </message>
    <message>
        <source>Strength: %1</source>
        <translation>Styrke: %1</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Kick-off</source>
        <translation>Oppstart</translation>
    </message>
    <message>
        <source>Keep them informed</source>
        <translation>Hold dem informert</translation>
    </message>
    <message>
        <source>Discuss changes</source>
        <translation>Drøft endringer</translation>
    </message>
    <message>
        <source>Listen and mirror</source>
        <translation>Lytt og speil</translation>
    </message>
    <message>
        <source>Bring news in their register</source>
        <translation>Formidle nyheter i deres toneleie</translation>
    </message>
    <message>
        <source>Commit and keep promises</source>
        <translation>Lov trygt og hold løftene</translation>
    </message>
    <message>
        <source>Over-deliver</source>
        <translation>Lever mer enn lovet</translation>
    </message>
    <message>
        <source>Solve problems visibly</source>
        <translation>Løs problemer synlig</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Week %1</source>
        <translation>Uke %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n notat</numerusform>
            <numerusform>%n notater</numerusform>
        </translation>
    </message>
    <message>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>Humør</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Notat</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Uleselig</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>via %1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>frist %1</translation>
    </message>
    <message>
        <source>mood: %1</source>
        <translation>humør: %1</translation>
    </message>
    <message>
        <source>This entry cannot be read</source>
        <translation>Dette notatet kan ikke leses</translation>
    </message>
    <message>
        <source>The stored entry is damaged and cannot be opened. Check the vault, or restore it from a backup.</source>
        <translation>Det lagrede notatet er skadet og kan ikke åpnes. Kontroller journalen, eller gjenopprett den fra en sikkerhetskopi.</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Timeline status</source>
        <translation>Status for tidslinjen</translation>
    </message>
    <message>
        <source>No mood</source>
        <translation>Uten humør</translation>
    </message>
    <message>
        <source>No channel</source>
        <translation>Uten kanal</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>Intet prosjekt</translation>
    </message>
    <message>
        <source>Filter by project</source>
        <translation>Filtrer etter prosjekt</translation>
    </message>
    <message>
        <source>Select a client with projects to filter by project</source>
        <translation>Velg en klient med prosjekter for å filtrere etter prosjekt</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Henter …</translation>
    </message>
    <message>
        <source>Loading the mood trend…</source>
        <translation>Henter humørutviklingen …</translation>
    </message>
    <message>
        <source>Loading the journal… %1 of %2</source>
        <translation>Henter journalen … %1 av %2</translation>
    </message>
    <message>
        <source>Loading the journal…</source>
        <translation>Henter journalen …</translation>
    </message>
    <message>
        <source>No entries match the search and filters.</source>
        <translation>Ingen notater passer til søket og filtrene.</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation>%1 av %2 notater vises</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Journal timeline</source>
        <translation>Journalens tidslinje</translation>
    </message>
</context>
<context>
    <name>TodayDelegate</name>
    <message>
        <source>Step %1</source>
        <translation>Steg %1</translation>
    </message>
</context>
<context>
    <name>TodayList</name>
    <message>
        <source>Actions across all clients</source>
        <translation>Handlinger for alle klienter</translation>
    </message>
</context>
<context>
    <name>ToldField</name>
    <message>
        <source>The client has been t&amp;old</source>
        <translation>Klienten har fått &amp;beskjed</translation>
    </message>
    <message>
        <source>The client has been told</source>
        <translation>Klienten har fått beskjed</translation>
    </message>
    <message>
        <source>When the client was told</source>
        <translation>Når klienten fikk beskjed</translation>
    </message>
</context>
<context>
    <name>TypedDateEdit</name>
    <message>
        <source>%1 is not a date that exists, so the field keeps %2.</source>
        <translation>%1 er ikke en dato som finnes, så feltet beholder %2.</translation>
    </message>
</context>
<context>
    <name>TypedDateTimeEdit</name>
    <message>
        <source>%1 is not a date and time that exists, so the field keeps %2.</source>
        <translation>%1 er ikke en dato og et klokkeslett som finnes, så feltet beholder %2.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock — ClientJournal</source>
        <translation>Lås opp — ClientJournal</translation>
    </message>
    <message>
        <source>Unlock your journal</source>
        <translation>Lås opp journalen din</translation>
    </message>
    <message>
        <source>Enter your passphrase, or your recovery key if you have lost it.</source>
        <translation>Skriv passordfrasen din, eller gjenopprettingsnøkkelen hvis du har mistet den.</translation>
    </message>
    <message>
        <source>Passphrase or recovery key</source>
        <translation>Passordfrase eller gjenopprettingsnøkkel</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås opp</translation>
    </message>
    <message>
        <source>Opening your journal…</source>
        <translation>Åpner journalen din …</translation>
    </message>
    <message>
        <source>This device could not unlock your journal: %1. Enter your passphrase instead.</source>
        <translation>Denne enheten kunne ikke låse opp journalen din: %1. Skriv inn passordfrasen i stedet.</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Skriv passordfrasen først.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Låser opp …</translation>
    </message>
    <message>
        <source>That passphrase or recovery key is not right. Check it and try again.</source>
        <translation>Passordfrasen eller gjenopprettingsnøkkelen stemmer ikke. Sjekk den og prøv igjen.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Save the recovery key</source>
        <translation>Lagre gjenopprettingsnøkkelen</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tekstfiler (*.txt)</translation>
    </message>
    <message>
        <source>Print the recovery key — ClientJournal</source>
        <translation>Skriv ut gjenopprettingsnøkkelen — ClientJournal</translation>
    </message>
    <message>
        <source>Welcome to ClientJournal</source>
        <translation>Velkommen til ClientJournal</translation>
    </message>
    <message>
        <source>Your client journal is encrypted on this computer with a passphrase that only you know. Choose one you will remember: a few unrelated words work well.</source>
        <translation>Klientjournalen din krypteres på denne datamaskinen med en passordfrase som bare du kjenner. Velg en du husker: noen ord som ikke hører sammen, fungerer godt.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Ny passordfrase</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Minst %1 tegn</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passordfrase:</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Gjenta passordfrasen</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Gjenta:</translation>
    </message>
    <message>
        <source>Remember on this device (unlock without typing)</source>
        <translation>Husk på denne enheten (lås opp uten å skrive)</translation>
    </message>
    <message>
        <source>Remember on this device</source>
        <translation>Husk på denne enheten</translation>
    </message>
    <message>
        <source>“Remember on this device” is not available: %1.</source>
        <translation>«Husk på denne enheten» er ikke tilgjengelig: %1.</translation>
    </message>
    <message>
        <source>Add demo clients and entries to try things out</source>
        <translation>Legg inn eksempelklienter og -notater for å prøve deg fram</translation>
    </message>
    <message>
        <source>Add demo data</source>
        <translation>Legg inn eksempeldata</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;Create my journal</source>
        <translation>&amp;Opprett journalen min</translation>
    </message>
    <message>
        <source>The passphrase is too short: use at least %1 characters.</source>
        <translation>Passordfrasen er for kort: bruk minst %1 tegn.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Type the same passphrase twice.</source>
        <translation>De to passordfrasene er ikke like. Skriv den samme passordfrasen to ganger.</translation>
    </message>
    <message>
        <source>Creating your journal… tuning the encryption to this computer.</source>
        <translation>Oppretter journalen din … tilpasser krypteringen til denne datamaskinen.</translation>
    </message>
    <message>
        <source>This device could not be remembered: %1; you will be asked for the passphrase.</source>
        <translation>Denne enheten kunne ikke huskes: %1; du blir bedt om passordfrasen.</translation>
    </message>
    <message>
        <source>Your recovery key</source>
        <translation>Gjenopprettingsnøkkelen din</translation>
    </message>
    <message>
        <source>If you forget your passphrase, this key is the only way back into your journal. It is shown only now. Keep it somewhere safe away from this computer, such as a password manager or a printed copy in a drawer.</source>
        <translation>Hvis du glemmer passordfrasen, er denne nøkkelen den eneste veien tilbake til journalen. Den vises bare nå. Oppbevar den trygt et annet sted enn på denne datamaskinen, for eksempel i en passordbehandler eller som utskrift i en skuff.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Gjenopprettingsnøkkel</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>Copy the recovery key</source>
        <translation>Kopier gjenopprettingsnøkkelen</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Lagre …</translation>
    </message>
    <message>
        <source>Save the recovery key to a file</source>
        <translation>Lagre gjenopprettingsnøkkelen i en fil</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut …</translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation>Skriv ut gjenopprettingsnøkkelen</translation>
    </message>
    <message>
        <source>I have stored my recovery key somewhere safe</source>
        <translation>Jeg har oppbevart gjenopprettingsnøkkelen min på et trygt sted</translation>
    </message>
    <message>
        <source>I have stored my recovery key</source>
        <translation>Jeg har oppbevart gjenopprettingsnøkkelen</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>&amp;Fortsett</translation>
    </message>
    <message>
        <source>Copied. Paste it into your password manager now.</source>
        <translation>Kopiert. Lim den inn i passordbehandleren din nå.</translation>
    </message>
    <message>
        <source>ClientJournal recovery key</source>
        <translation>Gjenopprettingsnøkkel for ClientJournal</translation>
    </message>
    <message>
        <source>Keep this file somewhere safe, away from the computer that holds the journal.</source>
        <translation>Oppbevar denne filen trygt, et annet sted enn på datamaskinen med journalen.</translation>
    </message>
    <message>
        <source>Could not save the file: %1</source>
        <translation>Kunne ikke lagre filen: %1</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Lagret i %1</translation>
    </message>
    <message>
        <source>If you forget your passphrase, this key opens your journal. Keep this page somewhere safe, away from the computer that holds the journal.</source>
        <translation>Hvis du glemmer passordfrasen, åpner denne nøkkelen journalen din. Oppbevar dette arket trygt, et annet sted enn ved datamaskinen med journalen.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Sendt til skriveren.</translation>
    </message>
    <message>
        <source>the secret store of this device does not answer</source>
        <translation>det hemmelige lageret på denne enheten svarer ikke</translation>
    </message>
</context>
<context>
    <name>_OptionalDate</name>
    <message>
        <source>%1 is set</source>
        <translation>%1 er satt</translation>
    </message>
</context>
</TS>
