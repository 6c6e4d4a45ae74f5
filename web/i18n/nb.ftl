# Samvirkes nettgrensesnitt — norsk bokmål.
# Nøkler bygget av domenets verdier (role-*, sector-*, error-*, conflict-* …) bruker domenets
# faste navn; alle filene definerer nøyaktig de samme id-ene.

## Sidens ramme

skip-to-content = Gå til hovedinnholdet
nav-label = Hovedmeny
nav-my-networks = Mine nettverk
nav-home = Nettverkets forside
nav-projects = Prosjekter
nav-search = Søk
nav-groups = Arbeidsgrupper
nav-members = Medlemmer
nav-organisations = Organisasjoner
signed-in-as = Logget inn som { $name }
sign-in = Logg inn
sign-out = Logg ut
language-switch-legend = Språk
footer-about = Samvirke – samarbeid på tvers av sektorer om barn og unge.
pager-label = Flere resultater
pager-next = Neste side

## Logg inn

signin-title = Logg inn
signin-invitation-hint = Ny på Samvirke? Du får tilgang gjennom en invitasjon fra nettverkets koordinator.
signin-failed-title = Du ble ikke logget inn
signin-wrong = E-postadressen eller passordet er feil.
signin-rate-limited = For mange forsøk på å logge inn. Vent et minutt og prøv igjen.

## Invitasjoner

invitation-title = Invitasjon til { $network }
invitation-intro = Invitasjonen gjelder { $email } med rollen { $role }.
invitation-has-account = Du har allerede en konto på Samvirke. Skriv inn passordet ditt for å bli medlem av nettverket.
invitation-new-account = Velg navnet andre skal se, og et passord til den nye kontoen din.
invitation-display-name-hint = Fullt navn, slik kollegaene dine kjenner deg.
invitation-password-hint = Minst { $min } tegn.
invitation-accept = Takk ja til invitasjonen
invitation-gone-title = Invitasjonslenken virker ikke lenger
invitation-gone-text = Lenken har utløpt eller er erstattet av en nyere, eller invitasjonen er allerede besvart eller trukket tilbake. Be koordinatoren som inviterte deg, om å sende den på nytt.

## Nettverk

networks-title = Mine nettverk
networks-empty = Du er ikke medlem av noe nettverk ennå.
networks-your-role = Din rolle: { $role }
home-title = Nettverkets forside
home-welcome = Velkommen, { $name }.
home-links = Snarveier
home-recent-projects = Nyeste prosjekter
home-all-projects = Se alle prosjekter
home-upcoming-meetings = Kommende møter
home-all-meetings = Alle møter
home-public-projects = Offentlige prosjekter
home-visitor-intro = Dette er nettverkets offentlige side. Medlemmer logger inn for å se alt nettverket deler.
home-guest-intro = Du er ikke medlem av dette nettverket. Du ser det nettverket deler med andre nettverk og offentligheten.
home-sign-in-prompt = Logg inn som medlem

## Medlemmer og invitasjoner

members-title = Medlemmer
members-caption = Nettverkets medlemmer
members-change = Endre
members-save = Lagre
members-not-editable = Bare eiere kan endre dette medlemmet.
members-no-organisation = Ingen organisasjon
members-change-failed = Endringen ble ikke gjort
invite-title = Inviter en person
invite-email-hint = Invitasjonslenken sendes til denne adressen.
invite-submit = Send invitasjon
invitations-title = Invitasjoner
invitations-caption = Sendte invitasjoner
invitations-empty = Det er ikke sendt noen invitasjoner.
invitations-expires = Lenken gjelder til
invitations-actions = Handlinger
invitations-resend = Send på nytt
invitations-revoke = Trekk tilbake

## Organisasjoner

organisations-title = Organisasjoner
organisations-caption = Nettverkets organisasjoner
organisations-empty = Det er ikke lagt til noen organisasjoner ennå.
organisations-create-title = Legg til en organisasjon
organisations-create = Legg til organisasjon
organisations-registry-hint = For eksempel et organisasjonsnummer eller et CVR-nummer.

## Arbeidsgrupper

groups-title = Arbeidsgrupper
groups-empty = Det finnes ingen arbeidsgrupper ennå.
groups-open = Åpen for alle medlemmer
groups-closed = Lukket gruppe
groups-open-explained = Alle medlemmer av nettverket kan bli med i gruppen.
groups-closed-explained = Gruppen er lukket: en koordinator legger til medlemmene.
groups-member-count = { $count ->
    [one] { $count } medlem
   *[other] { $count } medlemmer
}
groups-no-members = Gruppen har ingen medlemmer ennå.
groups-coordinator = gruppekoordinator
groups-join = Bli med i gruppen
groups-leave = Forlat gruppen
groups-remove-member = Fjern
groups-add-member-title = Legg til et medlem
groups-add-member = Legg til i gruppen
groups-no-candidates = Alle aktive medlemmer av nettverket er allerede med i gruppen.
groups-create-title = Opprett en arbeidsgruppe
groups-create = Opprett gruppe

## Prosjekter

projects-title = Prosjekter
projects-new = Nytt prosjekt
projects-create = Opprett prosjekt
projects-save = Lagre endringene
projects-edit = Rediger prosjektet
projects-edit-title = Rediger: { $title }
projects-empty = Det er ingen prosjekter å vise.
project-visible-to = Synlig for
project-updated = Oppdatert
projects-summary-hint = Noen få setninger som vises i lister og søkeresultater.
projects-body-hint = Markdown: # overskrift, **fet**, *kursiv*, - punktliste, [lenke](https://…).
projects-group-hint = Bare gruppens medlemmer og nettverkets koordinatorer ser prosjektet.
projects-no-group = Ikke begrenset til en gruppe
projects-tags-hint = Skill stikkordene med komma, for eksempel: skole, BUP, samtykke.
projects-no-own-organisation = Du er ikke knyttet til en organisasjon. Be en koordinator om å knytte deg til en.

## Søk

search-title = Søk
search-title-for = Søk: { $q }
search-label = Søk i nettverkets prosjekter
search-submit = Søk
search-count = { $count ->
    [0] Ingen treff
    [one] { $count } treff
   *[other] { $count } treff
}

## Meldinger etter en endring

notice-member-updated = Medlemmet er oppdatert.
notice-invited = Invitasjonen er på vei.
notice-invitation-resent = En ny invitasjonslenke er på vei.
notice-invitation-revoked = Invitasjonen er trukket tilbake.
notice-organisation-created = Organisasjonen er lagt til.
notice-group-created = Arbeidsgruppen er opprettet.
notice-group-joined = Du er med i gruppen.
notice-group-left = Du har forlatt gruppen.
notice-group-member-added = Medlemmet er lagt til i gruppen.
notice-group-member-removed = Medlemmet er fjernet fra gruppen.
notice-project-created = Prosjektet er opprettet.
notice-project-saved = Endringene er lagret.

## Skjemafelt

field-email = E-postadresse
field-password = Passord
field-display_name = Navn
field-name = Navn
field-description = Beskrivelse
field-is_open = Alle medlemmer av nettverket kan bli med
field-role = Rolle
field-status = Status
field-organisation_id = Organisasjon
field-owner_organisation_id = Eierorganisasjon
field-sector = Sektor
field-registry_number = Registreringsnummer
field-title = Tittel
field-summary = Sammendrag
field-body = Beskrivelse
field-visibility = Hvem kan se det
field-group_id = Arbeidsgruppe
field-tags = Stikkord
field-q = Søketekst
field-limit = Antall per side
field-membership_id = Medlem
field-is_coordinator = Koordinator for gruppen
field-optional = (valgfritt)

## Feil

error-prefix = Feil:
error-summary-title = Det er et problem
error-required = Fyll ut feltet.
error-too_long = Teksten er for lang.
error-too_long-max = Teksten er for lang. Bruk høyst { $max } tegn.
error-too_short = Teksten er for kort.
error-invalid = Verdien er ikke gyldig.
error-unknown = Velg et av alternativene.
error-too_many = Det er for mange.
error-wrong_password = Passordet er feil.
error-not_a_member = Du kan bare velge en arbeidsgruppe du er medlem av.
error-in_the_past = Datoen må være fram i tid.
error-out_of_range = Verdien er utenfor det tillatte området.
error-tags-too_long = Et stikkord kan være høyst { $max } tegn langt.
error-tags-too_many = Bruk høyst { $max } stikkord.
error-password-too_short = Passordet må ha minst { $min } tegn.

conflict-email_taken = Det finnes allerede en konto med denne e-postadressen.
conflict-already_member = Personen er allerede medlem av nettverket.
conflict-already_invited = Personen er allerede invitert. Du kan sende invitasjonen på nytt fra listen over invitasjoner.
conflict-last_owner = Nettverket må ha minst én aktiv eier.
conflict-name_taken = Navnet er allerede i bruk i nettverket.
conflict-slug_taken = Adressen er allerede i bruk.
conflict-duplicate = Noen andre gjorde den samme endringen samtidig. Last inn siden på nytt og kontroller resultatet.
conflict-not_pending = Invitasjonen er allerede besvart eller trukket tilbake.
conflict-member_not_active = Medlemmet er ikke aktivt.
conflict-invitation_pending = Personen har ikke takket ja til invitasjonen ennå.

error-not-found-title = Siden finnes ikke
error-not-found-text = Det er ingenting på denne adressen, eller du har ikke tilgang til det.
error-forbidden-title = Ikke tillatt
error-forbidden-text = Rollen din i nettverket gir ikke tilgang til dette.
error-csrf-title = Skjemaet er utløpt
error-csrf-text = Av sikkerhetshensyn kunne ikke skjemaet tas imot, og ingenting er endret. Last inn siden på nytt og prøv igjen.
error-csrf-reload = Last inn siden på nytt
error-invalid-title = Kontroller det du har skrevet
error-invalid-text = Noen av verdiene kunne ikke brukes.
error-conflict-title = Endringen ble ikke gjort
error-conflict-text = Endringen passer ikke med slik det er nå.
error-bad-request-title = Adressen er ikke gyldig
error-bad-request-text = Lenken eller skjemaet sendte noe som siden ikke forstår. Gå tilbake og prøv igjen.
error-method-title = Ikke mulig her
error-method-text = Adressen kan ikke brukes på den måten.
error-too-large-title = For mye tekst
error-too-large-text = Skjemaet sendte mer enn siden kan ta imot. Gjør teksten kortere og prøv igjen.
error-internal-title = Noe gikk galt
error-internal-text = Det oppstod en feil hos oss, og den er registrert. Prøv igjen om litt.
error-search-unavailable-title = Søket er utilgjengelig akkurat nå
error-search-unavailable-text = Søkemotoren svarer ikke for øyeblikket. Alt annet virker; prøv å søke igjen om litt.
error-unavailable-title = Samvirke er utilgjengelig et øyeblikk
error-unavailable-text = En tjeneste som Samvirke bruker, svarer ikke akkurat nå. Prøv igjen om litt.
error-url-too-long-title = Adressen er for lang
error-url-too-long-text = Lenken er lengre enn noen adresse på siden. Sjekk den og prøv igjen.
error-headers-too-large-title = Forespørselen er for stor
error-headers-too-large-text = Nettleseren din sendte mer enn siden kan ta imot, ofte for mange informasjonskapsler. Slett sidens informasjonskapsler og prøv igjen.
error-busy-title = Siden har mye å gjøre
error-busy-text = For mange forespørsler behandles akkurat nå. Prøv igjen om litt.
error-stalled-title = Opplastingen stoppet
error-stalled-text = Filen sluttet å komme fram. Sjekk forbindelsen og prøv igjen.
error-home-link = Gå til forsiden

## Verdier fra domenet

role-observer = observatør
role-partner = partner
role-member = medlem
role-coordinator = koordinator
role-owner = eier

member_status-invited = invitert
member_status-active = aktiv
member_status-suspended = suspendert

invitation_status-pending = venter på svar
invitation_status-accepted = takket ja
invitation_status-revoked = trukket tilbake
invitation_status-expired = utløpt

sector-municipality = kommune
sector-region_hospital = helseforetak eller sykehus
sector-school = skole
sector-ngo = frivillig organisasjon
sector-research = forskning
sector-agency = statlig etat
sector-user_organisation = bruker- eller pårørendeorganisasjon
sector-other = annet

visibility-network = Nettverket
visibility-shared = Alle nettverk
visibility-public = Alle
visibility-network-hint = Medlemmer av dette nettverket.
visibility-shared-hint = Medlemmer av alle nettverk på Samvirke.
visibility-public-hint = Alle, også uten å logge inn.

project_status-idea = idé
project_status-planning = planlegging
project_status-running = pågår
project_status-completed = avsluttet
project_status-evaluated = evaluert

kind-project = Prosjekt

language-da = dansk
language-nb = norsk (bokmål)
language-sv = svensk
language-en = engelsk

## meetings
# Møter og arrangementer (web/src/meetings, web/templates/meetings).

nav-meetings = Møter
kind-meeting = Møte
meetings-title = Møter
meetings-past-title = Tidligere møter
meetings-views = Visninger av møter
meetings-upcoming = Kommende
meetings-past = Tidligere
meetings-calendar = Kalender
meetings-mine = Mine møter
meetings-new = Nytt møte
meetings-create = Opprett møte
meetings-save = Lagre endringer
meetings-empty = Det er ingen kommende møter.
meetings-past-empty = Det er ingen tidligere møter.
meetings-calendar-title = Kalender: { $month }
meetings-month-nav = Andre måneder
meetings-calendar-count = { $count ->
    [0] Ingen møter denne måneden
    [one] { $count } møte denne måneden
   *[other] { $count } møter denne måneden
}
meetings-continues = fortsetter
meetings-mine-title = Mine møter
meetings-mine-empty = Du er ikke påmeldt noen møter.
meetings-see-upcoming = Se de kommende møtene.
meetings-my-status = Din påmelding
meetings-long-date = { $weekday } { $day }. { $month } { $year }
meetings-date = Dato
meetings-time = Klokkeslett
meetings-when = Når
meetings-where = Hvor
meetings-organisers = Arrangert av
meetings-contact = Kontaktperson
meetings-online-link = Delta på nett
meetings-add-to-calendar = Legg til i kalenderen din (.ics)
meetings-manage = Administrer møtet
meetings-manage-title = Administrer: { $title }
meetings-manage-sections = Deler av denne siden
meetings-cancelled-text = Dette møtet er avlyst.
meetings-draft-text = Møtet er et utkast: bare arrangørene kan se det.
meetings-programme = Program
meetings-programme-empty = Programmet er tomt.
meetings-parallel = parallelle sesjoner
meetings-session-choose = velges ved påmelding
meetings-session-full = fullt
meetings-places-left = { $left } av { $capacity } plasser igjen
meetings-places-room = { $left } av { $capacity } plasser igjen i lokalet
meetings-places-online = { $left } av { $capacity } plasser igjen på nett
meetings-registration = Påmelding
meetings-registration-opens = Påmeldingen åpner { $date } kl. { $time }.
meetings-registration-closed = Påmeldingen er stengt.
meetings-deadline = Meld deg på innen { $date } kl. { $time }.
meetings-full-text = Møtet er fullt.
meetings-full-waitlist = Møtet er fullt. Melder du deg på, kommer du på ventelisten og får beskjed på e-post når det blir en ledig plass.
meetings-waitlist-only = bare venteliste
meetings-attend-room = I lokalet
meetings-attend-online = På nett
meetings-session-slot = Velg en sesjon, { $time }
meetings-session-none = Ingen sesjon
meetings-choose-any = Velg alle som passer.
meetings-register = Meld på
meetings-join-waitlist = Sett meg på ventelisten
meetings-my-registration = Din påmelding
meetings-waitlist-position = nummer { $position } på ventelisten
meetings-pending-text = En arrangør skal godkjenne påmeldingen din. Du får beskjed på e-post.
meetings-waitlisted-text = Du får beskjed på e-post hvis det blir en ledig plass.
meetings-my-sessions = Dine sesjoner:
meetings-my-breakout-group = Din gruppe
meetings-cancel-mine = Meld meg av
meetings-guest-intro = Du kan melde deg på uten konto. Vi sender deg en lenke på e-post som du bekrefter påmeldingen med.
meetings-guest-email-hint = Lenken for å bekrefte sendes til denne adressen.
meetings-guest-rate-limited = Det er sendt for mange påmeldinger fra tilkoblingen din. Prøv igjen senere.
meetings-member-sign-in = Er du medlem av nettverket?
meetings-sign-in-to-register = Logg inn for å melde deg på
meetings-participants = { $count ->
    [one] { $count } deltaker
   *[other] { $count } deltakere
}
meetings-no-participants = Ingen har meldt seg på ennå.
meetings-check-mail-title = Sjekk e-posten din
meetings-check-mail-text = Vi har sendt deg en e-post med en lenke. Åpne den innen 24 timer for å bekrefte påmeldingen; til da holder vi av plassen til deg.
meetings-check-mail-waitlisted = Møtet er fullt, så du kommer på ventelisten når du har bekreftet.
meetings-check-mail-spam = Hvis e-posten ikke kommer i løpet av noen minutter, se i søppelpostmappen.
meetings-confirm-title = Bekreft påmeldingen
meetings-confirm-text = Trykk på knappen for å bekrefte påmeldingen din til møtet.
meetings-confirm-button = Bekreft påmeldingen min
meetings-confirm-gone-title = Lenken virker ikke lenger
meetings-confirm-gone-text = Lenken er utløpt eller allerede brukt. Ble ikke påmeldingen bekreftet innen 24 timer, meld deg på igjen fra møtets side.
meetings-section-what = Hva
meetings-section-who = Synlighet
meetings-section-when = Når
meetings-section-where = Hvor
meetings-section-registration = Påmelding
meetings-section-publish = Publisering
meetings-zone-hint = Tidspunktene er i nettverkets tidssone ({ $zone }).
meetings-no-group = Ikke begrenset til en gruppe
meetings-group-hint = Bare for møter i en arbeidsgruppe.
meetings-invitees-hint = For møter bare for inviterte: kryss av for medlemmene som er invitert.
meetings-address-hint = Gate, postnummer og sted. Må fylles ut for møter i et lokale.
meetings-online-url-hint = Lenken til videomøtet (https://…). Bare påmeldte deltakere ser den.
meetings-capacity-hint = La feltet stå tomt hvis det ikke er noen grense.
meetings-waitlist-hint = Når møtet er fullt, kan flere sette seg på venteliste og rykke opp når plasser blir ledige.
meetings-opens-hint = La feltet stå tomt for å åpne påmeldingen når møtet publiseres.
meetings-closes-hint = Påmeldingsfristen. La feltet stå tomt for å tillate påmelding helt til møtet begynner.
meetings-cutoff-hint = Deltakerne kan melde seg av til da. La feltet stå tomt for å tillate det helt til møtet begynner.
meetings-approval-hint = Påmeldinger venter til en arrangør godkjenner dem.
meetings-terms-hint = Vilkår deltakerne må godta, for eksempel om bilder eller data. La feltet stå tomt hvis det ikke er noen.
meetings-show-participants-hint = Påmeldte deltakere ser hvem andre som kommer.
meetings-publish-hint = Ellers lagres møtet som et utkast som bare arrangørene ser.
meetings-details = Opplysninger
meetings-status-title = Status
meetings-status-hint = Når møtet publiseres, blir det synlig og påmeldingen åpner. Avlyses det, får alle påmeldte en e-post.
meetings-cancel-confirm = Avlyse møtet? Alle påmeldte og alle på ventelisten får straks en e-post.
meetings-publish = Publiser
meetings-unpublish = Gjør det til et utkast igjen
meetings-complete = Merk som avholdt
meetings-cancel-meeting = Avlys møtet
meetings-session = Sesjon
meetings-session-capacity = sesjon, { $capacity } plasser
meetings-session-unlimited = sesjon, ingen grense
meetings-remove = Fjern
meetings-add-item = Legg til i programmet
meetings-speakers-hint = Én innleder per linje: navn, organisasjon.
meetings-selectable-hint = Mellom parallelle sesjoner som begynner samtidig, velger deltakerne ved påmelding.
meetings-item-capacity-hint = Bare for sesjoner. La feltet stå tomt hvis det ikke er noen grense.
meetings-questions = Spørsmål ved påmelding
meetings-questions-empty = Det er ingen spørsmål.
meetings-required = må besvares
meetings-add-question = Legg til et spørsmål
meetings-options-hint = For valg: ett alternativ per linje.
meetings-registrations = Påmeldinger
meetings-registrations-empty = Ingen har meldt seg på ennå.
meetings-export-csv = Last ned påmeldingene (CSV)
meetings-sessions = Sesjoner
meetings-answers = Svar
meetings-guest = gjest
meetings-approve = Godkjenn
meetings-reject = Avvis
meetings-cancel-registration = Meld av
meetings-attendance = Oppmøte
meetings-attendance-legend = Kryss av for dem som kom
meetings-attendance-empty = Det er ingen påmeldte deltakere ennå.
meetings-save-attendance = Lagre oppmøte

notice-meeting-created = Møtet er opprettet. Legg til programmet, og publiser møtet når det er klart.
notice-meeting-saved = Endringene dine er lagret.
notice-meeting-published = Møtet er publisert.
notice-meeting-cancelled = Møtet er avlyst, og de påmeldte får beskjed.
notice-meeting-completed = Møtet er merket som avholdt.
notice-meeting-unpublished = Møtet er et utkast igjen.
notice-meeting-item-added = Punktet er lagt til i programmet.
notice-meeting-item-removed = Punktet er fjernet fra programmet.
notice-meeting-question-added = Spørsmålet er lagt til.
notice-meeting-question-removed = Spørsmålet er fjernet.
notice-meeting-approved = Påmeldingen er godkjent.
notice-meeting-rejected = Påmeldingen er avvist.
notice-meeting-registration-cancelled-by-organiser = Påmeldingen er avmeldt.
notice-meeting-attendance-saved = Oppmøtet er lagret.
notice-meeting-registered = Du er påmeldt. En bekreftelse er på vei til e-posten din.
notice-meeting-waitlisted = Møtet er fullt: du står på ventelisten.
notice-meeting-pending = Påmeldingen din venter på godkjenning fra en arrangør.
notice-meeting-registration-cancelled = Du er meldt av.
notice-meeting-guest-confirmed = Påmeldingen din er bekreftet. Vi sees!
notice-meeting-guest-pending = E-postadressen din er bekreftet. Påmeldingen venter på godkjenning fra en arrangør.

field-kind = Møtetype
field-starts_at = Begynner
field-ends_at = Slutter
field-location_mode = Holdes
field-address = Adresse
field-room = Rom
field-online_url = Lenke til nettmøtet
field-registration_enabled = Man melder seg på møtet
field-capacity_room = Plasser i lokalet
field-capacity_online = Plasser på nett
field-waitlist_enabled = Venteliste når møtet er fullt
field-registration_opens_at = Påmeldingen åpner
field-registration_closes_at = Påmeldingsfrist
field-cancellation_cutoff_at = Avmelding mulig til
field-requires_approval = Påmeldinger må godkjennes
field-terms = Vilkår
field-show_participants = Vis deltakerlisten
field-publish = Publiser nå
field-invitee_user_ids = Inviterte
field-attendance_mode = Slik deltar du
field-session_ids = Sesjoner
field-accept_terms = Jeg godtar vilkårene
field-organisation = Organisasjon
field-required = (må fylles ut)
field-item_title = Tittel
field-item_kind = Type
field-item_date = Dato
field-item_starts_at = Begynner
field-item_ends_at = Slutter
field-item_description = Beskrivelse
field-item_speakers = Innledere
field-item_selectable = Parallell sesjon som deltakerne velger
field-item_capacity = Plasser i sesjonen
field-question_label = Spørsmål
field-question_kind = Svartype
field-question_options = Alternativer
field-question_required = Spørsmålet må besvares

error-before_start = Slutten må være etter begynnelsen.
error-session_full = En sesjon du valgte, er full. Velg en annen.
error-overlapping = Du har valgt sesjoner som overlapper i tid.
error-not_offered = Det tilbyr ikke møtet.
error-before_opening = Fristen må være etter at påmeldingen åpner.
error-after_meeting = Fristen må være før møtet slutter.
error-after_start = Må være før møtet begynner.
error-only_for_group_visibility = En gruppe kan bare velges for møter i en arbeidsgruppe.
error-outside_meeting = Punktet må ligge innenfor møtets tidsrom.
error-only_for_sessions = Bare parallelle sesjoner har sitt eget antall plasser.
error-only_for_choices = Bare spørsmål med valg har alternativer.
error-too_few = Oppgi minst to alternativer.
error-unknown_question = Spørsmålet finnes ikke lenger. Last inn siden på nytt.
error-invalid_local_time = Dette tidspunktet finnes ikke.
error-date_and_time = Oppgi både dato og klokkeslett.

conflict-meeting_full = Møtet er fullt.
conflict-registration_closed = Påmeldingen er stengt.
conflict-registration_not_open = Påmeldingen har ikke åpnet ennå.
conflict-meeting_cancelled = Møtet er avlyst.
conflict-meeting_not_published = Møtet er ikke publisert ennå.
conflict-registration_not_offered = Man melder seg ikke på dette møtet.
conflict-already_registered = Du er allerede påmeldt møtet.
conflict-cancellation_closed = Det er for sent å melde seg av. Kontakt arrangørene.
conflict-not_pending_approval = Påmeldingen venter ikke lenger på godkjenning.
conflict-status_change_not_allowed = Møtet kan ikke få den statusen.
conflict-too_many_questions = Møtet har allerede så mange spørsmål som det kan ha.
conflict-already_cancelled = Påmeldingen er allerede avmeldt.
conflict-not_registered = Personen er ikke (lenger) påmeldt.
conflict-sign_out_to_register_as_guest = Du er logget inn: meld deg på som medlem i stedet.

meeting_kind-case_consultation = saksdrøfting
meeting_kind-workshop = verksted
meeting_kind-webinar = webinar
meeting_kind-theme_meeting = temamøte
meeting_kind-collaboration_day = samarbeidsdag
meeting_kind-information_meeting = informasjonsmøte
meeting_kind-group_meeting = møte i arbeidsgruppe

meeting_status-draft = utkast
meeting_status-published = publisert
meeting_status-cancelled = avlyst
meeting_status-completed = avholdt

meeting_visibility-public = Alle
meeting_visibility-network = Nettverket
meeting_visibility-group = Én arbeidsgruppe
meeting_visibility-invited = Bare inviterte
meeting_visibility-public-hint = Alle, også uten å logge inn, kan se møtet og melde seg på.
meeting_visibility-network-hint = Medlemmer av dette nettverket.
meeting_visibility-group-hint = Medlemmer av arbeidsgruppen som velges nedenfor.
meeting_visibility-invited-hint = Bare medlemmene det er krysset av for nedenfor.

location_mode-physical = I et lokale
location_mode-online = På nett
location_mode-hybrid = I et lokale og på nett

agenda_kind-plenary = plenum
agenda_kind-talk = innlegg
agenda_kind-panel = paneldebatt
agenda_kind-group_work = gruppearbeid
agenda_kind-break = pause

question_kind-text = fritekst
question_kind-single_choice = ett valg
question_kind-multiple_choice = flere valg

registration_status-unconfirmed = venter på bekreftelse på e-post
registration_status-pending_approval = venter på godkjenning
registration_status-registered = påmeldt
registration_status-waitlisted = på venteliste
registration_status-cancelled = avmeldt
registration_status-rejected = avvist

attendance_mode-room = i lokalet
attendance_mode-online = på nett

action_status-open = åpen
action_status-done = utført
action_status-dropped = droppet

meetings-feed-title = Abonner i kalenderen din
meetings-feed-intro = Din egen kalenderadresse viser møtene du kan se i nettverkene dine, og holder seg oppdatert i Outlook, Google Kalender eller kalenderen på telefonen.
meetings-feed-url = Kalenderadressen din
meetings-feed-url-hint = Kopier den inn i kalenderprogrammet ditt som et kalenderabonnement. Den vises bare nå: hold den for deg selv, for alle med adressen ser møtene dine.
meetings-feed-exists = Du laget kalenderadressen din { $date }. Den vises bare én gang.
meetings-feed-create = Lag kalenderadressen min
meetings-feed-reset = Lag en ny kalenderadresse
meetings-feed-reset-hint = Har du mistet adressen, eller har andre fått den? Lag en ny; den gamle slutter å virke med en gang.
meetings-feed-network = Nettverkets offentlige møter er også en kalender alle kan abonnere på:
meetings-feed-network-link = offentlig kalender (.ics)
meetings-mode-column = Deltar

meetings-series-new = Ny møteserie
meetings-series-create = Opprett serien
meetings-series-intro = En møteserie er et møte som gjentas. Fyll ut det første møtet; de andre lages ut fra det, og hvert av dem kan senere endres eller avlyses for seg.
meetings-section-repeat = Gjentas
meetings-repeat-hint = Tidspunktene for hvert møte er de samme i nettverkets tidssone, også over sommer- og vintertid.
field-rule_choice = Gjentas
field-rule = Din egen regel (RRULE)
meetings-rule-hint = Bare når «En annen regel» er valgt ovenfor, for eksempel FREQ=MONTHLY;BYDAY=2WE for andre onsdag i hver måned.
field-occurrences = Antall møter
meetings-occurrences-hint = Hvor mange møter som skal lages, høyst 52.
meetings-rule-weekly = Hver uke
meetings-rule-biweekly = Annenhver uke
meetings-rule-first = Første { $weekday } i hver måned
meetings-rule-last = Siste { $weekday } i hver måned
meetings-rule-monthly = Hver måned på samme dato
meetings-rule-custom = En annen regel (skriv den nedenfor)
meetings-series-title = Møteserie: { $title }
meetings-series-repeats = Gjentas
meetings-series-next = Neste møter
meetings-series-link = Del av en møteserie: se alle datoene
notice-series-created = Møteserien er opprettet.
error-invalid_rule = Regelen er ikke en som nettstedet forstår.
error-unsupported_frequency = Møter kan ikke gjentas oftere enn daglig.

meetings-minutes = Referat
meetings-minutes-saved-at = Sist lagret { $at }.
meetings-minutes-guarded = Saksdrøftinger handler om et barn: skriv ingenting som identifiserer barnet eller familien. Navn, fødselsnumre, adresser, telefonnumre og e-postadresser avvises.
meetings-save-minutes = Lagre referatet
meetings-action-items = Oppfølgingspunkter
meetings-action-items-empty = Det er ingen oppfølgingspunkter.
meetings-action-carried = overført
meetings-add-action = Legg til et oppfølgingspunkt
meetings-save-status = Lagre
meetings-confirmed-hint = Kryss av bare hvis du har sjekket at det som ble funnet, ikke er et navn eller en adresse.
meetings-breakouts = Grupper
meetings-breakouts-empty = Det er ingen grupper.
meetings-group-size = { $size } av { $capacity } plasser tatt
meetings-group-size-unlimited = { $size } i gruppen
meetings-auto-assign-title = Fordel automatisk
meetings-auto-assign-hint = Alle påmeldte uten gruppe får en, etter ønskene sine der det er plass.
meetings-auto-assign = Fordel deltakerne
meetings-assign-caption = Deltakere og gruppene deres
meetings-breakout-group = Gruppe
meetings-no-breakout-group = Ingen gruppe
meetings-assign = Lagre
meetings-add-group = Legg til en gruppe
meetings-no-preference = Ikke noe ønske
meetings-breakout-preference-hint = Arrangørene prøver å gi deg gruppen du ønsker.
field-minutes = Referat
field-decisions = Vedtak
field-confirmed = Det som ble funnet, er ikke et navn eller en adresse
field-action_text = Oppgave
field-action_owner = Hvem følger opp
field-action_due_on = Frist
field-group_name = Gruppens navn
field-group_facilitator = Fasilitator
field-group_capacity = Plasser i gruppen
field-mix_sectors = Bland sektorer: fordel folk fra samme sektor på gruppene
field-breakout_preferences = Gruppe du ønsker
notice-meeting-minutes-saved = Referatet er lagret.
notice-meeting-action-added = Oppfølgingspunktet er lagt til.
notice-meeting-action-saved = Oppfølgingspunktet er lagret.
notice-meeting-group-added = Gruppen er lagt til.
notice-meeting-group-removed = Gruppen er fjernet.
notice-meeting-assigned = Gruppen er lagret.
notice-meeting-auto-assigned = { $assigned } fikk en gruppe; { $unassigned } uten gruppe (alle gruppene er fulle).
conflict-group_full = Gruppen er full.
error-contains_cpr = Inneholder et dansk CPR-nummer. Fjern det.
error-contains_national_id_no = Inneholder et fødselsnummer. Fjern det.
error-contains_personnummer = Inneholder et svensk personnummer. Fjern det.
error-contains_email = Inneholder en e-postadresse. Fjern den.
error-contains_phone = Inneholder et telefonnummer. Fjern det.
error-possible_name = Dette kan inneholde et navn. Fjern det, eller bekreft nedenfor at det ikke er et navn.
error-possible_address = Dette kan inneholde en adresse. Fjern den, eller bekreft nedenfor at det ikke er en adresse.
error-possible_national_id = Dette kan være et feilskrevet fødselsnummer. Fjern det, eller bekreft nedenfor at det ikke er et fødselsnummer.

meetings-weekday-1 = mandag
meetings-weekday-2 = tirsdag
meetings-weekday-3 = onsdag
meetings-weekday-4 = torsdag
meetings-weekday-5 = fredag
meetings-weekday-6 = lørdag
meetings-weekday-7 = søndag
meetings-weekday-short-1 = man.
meetings-weekday-short-2 = tir.
meetings-weekday-short-3 = ons.
meetings-weekday-short-4 = tor.
meetings-weekday-short-5 = fre.
meetings-weekday-short-6 = lør.
meetings-weekday-short-7 = søn.
meetings-month-1 = januar
meetings-month-2 = februar
meetings-month-3 = mars
meetings-month-4 = april
meetings-month-5 = mai
meetings-month-6 = juni
meetings-month-7 = juli
meetings-month-8 = august
meetings-month-9 = september
meetings-month-10 = oktober
meetings-month-11 = november
meetings-month-12 = desember

## consultations
# Drøftingsmøter: plasser, saker, samtykke og tilgangslogg (web/src/consultations).

cases-nav = Saker
cases-case = Sak
cases-title = Saker – { $meeting }
cases-intro = Fagfolk booker en plass og melder inn en sak som gruppen drøfter. En sak er anonym med mindre familien har gitt samtykke. Bare den som meldte inn saken, arrangørene og møtets påmeldte deltakere kan lese den, og hver lesing blir logget.
cases-slots-title = Plasser til saker
cases-slots-caption = Møtets plasser til saker
cases-no-slots = Arrangørene har ennå ikke åpnet plasser til saker.
cases-all-booked = Alle plassene er booket.
cases-slot = Plass
cases-slot-number = Plass { $number }
cases-slot-free = Ledig
cases-slot-booked = Booket
cases-slot-mine = Booket av deg
cases-actions = Handlinger
cases-book = Book og meld inn en sak
cases-open-case = Åpne saken
cases-slots-count = Antall nye plasser
cases-slots-count-hint = De nye plassene nummereres videre fra den siste.
cases-slots-add = Legg til plasser
cases-slots-out_of_range = Et møte kan ha høyst { $max } plasser.
cases-list-title = Saker
cases-logged-hint = At du leser sakene, blir registrert i tilgangsloggen deres.
cases-yours = din
cases-age-years = { $band } år
cases-new-title = Meld inn en sak
cases-edit-title = Endre saken
cases-anonymous-guidance = Beskriv barnet eller ungdommen slik at ingen kan se hvem det er: et aldersintervall i stedet for fødselsdato, ingen navn, adresser, skoler eller annet som kan identifisere familien.
cases-guard-guidance = Personnumre (CPR, fødselsnummer, personnummer), e-postadresser og telefonnumre blir avvist.
cases-age-hint = Aldri en fødselsdato.
cases-sectors-other-hint = Andre tjenester som allerede er involvert, skilt med komma.
cases-concern-hint = Hva du er bekymret for, beskrevet uten noe som kan identifisere barnet.
cases-question-hint = Hva vil du ha gruppens hjelp til?
cases-consent-title = Samtykke
cases-consent-only-hint = Fyll ut dette bare for en sak med samtykke. Samtykket dokumenterer hvem som ga det, til hva og hvor lenge.
cases-consent-on-case-page = Samtykke registreres og trekkes tilbake på sakens side.
cases-consent-scope-hint = Opplysningene samtykket omfatter.
cases-consent-services-hint = Én tjeneste per linje – tjenester, ikke navngitte personer.
cases-consent-valid-hint = Må fylles ut når samtykke er gitt.
cases-consent-oral-hint = Bare ved muntlig samtykke: hvem som noterte det, og når det ble gitt.
cases-date = Dato
cases-time = Klokkeslett
cases-confirm-explained = Noe i et felt over kan være et navn eller en adresse. Kontroller feltet; hvis det ikke er noen av delene, bekreft og send igjen.
cases-confirm = Jeg bekrefter at det ikke er et navn eller en adresse
cases-submit = Meld inn saken
cases-save = Lagre endringene
cases-submitted = Meldt inn
cases-edit = Endre saken
cases-withdraw = Trekk saken tilbake
cases-consents-title = Samtykke
cases-no-consents = Det er ikke registrert noe samtykke.
cases-consent-recorded = notert av { $by }, { $at }
cases-consent-withdrawn-at = Trukket tilbake
cases-consent-withdraw = Registrer at samtykket er trukket tilbake
cases-consent-record-title = Registrer et samtykke eller et avslag
cases-consent-record = Registrer
cases-access-title = Tilgangslogg
cases-access-hint = Alle som har lest eller endret saken.
cases-access-caption = Lesinger og endringer av saken
cases-access-when = Når
cases-access-who = Hvem
cases-access-what = Hva
cases-notice-submitted = Saken er meldt inn. Arrangørene har fått beskjed om at det har kommet en sak, uten innholdet.
cases-notice-saved = Saken er lagret.
cases-notice-withdrawn = Saken er trukket tilbake, og teksten er slettet.
cases-notice-slots = Plassene er lagt til.
cases-notice-consent = Samtykket er registrert.
cases-notice-consent-withdrawn = Tilbaketrekkingen er registrert.

field-case_slot = Plass
field-case_age_band = Aldersintervall
field-case_sectors = Tjenester som allerede er involvert
field-case_sectors_other = Andre tjenester
field-case_concern = Bekymringen
field-case_tried = Hva som er prøvd
field-case_question = Spørsmålet til gruppen
field-case_mode = Hvordan saken drøftes
field-consent_decision = Samtykke
field-consent_given_by = Gitt av
field-consent_scope = Opplysninger som omfattes
field-consent_receiving_services = Mottakende tjenester
field-consent_purpose = Formål
field-consent_valid_until = Gjelder til og med
field-consent_form = Form
field-consent_recorded_by = Notert av
field-consent_recorded_at = Gitt

case_mode-anonymous = Anonymt
case_mode-with_consent = Med samtykke
case_mode-anonymous-hint = Standard. Ingenting i saken identifiserer barnet.
case_mode-with_consent-hint = Familien har samtykket til at saken drøftes; samtykket må registreres.
case_details-shown = Vises
case_details-consent_withdrawn = Samtykket er trukket tilbake: sakens detaljer er skjult.
case_details-consent_expired = Samtykket er utløpt: sakens detaljer er skjult.
case_details-consent_missing = Ingen gyldig samtykke: sakens detaljer er skjult.
case_details-purged = Oppbevaringstiden er over, og sakens tekst er slettet.
consent_decision-given = Samtykke gitt
consent_decision-refused = Samtykke avslått
consent_giver-parent_or_guardian = Forelder eller verge
consent_giver-young_person = Ungdommen selv
consent_form-written = Skriftlig
consent_form-oral = Muntlig
consent_status-valid = gyldig
consent_status-withdrawn = trukket tilbake
consent_status-expired = utløpt
consent_status-refused = avslått
case_access-read = leste
case_access-submit = meldte inn
case_access-update = endret
case_access-consent = registrerte samtykke
case_access-consent_withdrawn = registrerte en tilbaketrekking
case_access-withdraw = trakk saken tilbake

cases-error-contains_cpr = Inneholder et dansk CPR-nummer. Fjern det: en sak skal ikke identifisere barnet.
cases-error-contains_national_id_no = Inneholder et fødselsnummer eller D-nummer. Fjern det.
cases-error-contains_personnummer = Inneholder et svensk personnummer. Fjern det.
cases-error-contains_email = Inneholder en e-postadresse. Fjern den.
cases-error-contains_phone = Inneholder et telefonnummer. Fjern det.
cases-error-possible_name = Kan inneholde et navn. Fjern det, eller bekreft nedenfor at det ikke er et navn.
cases-error-possible_address = Kan inneholde en adresse. Fjern den, eller bekreft nedenfor at det ikke er en adresse.
cases-error-possible_national_id = Kan være et feilskrevet fødselsnummer. Fjern det, eller bekreft nedenfor at det ikke er et fødselsnummer.
cases-error-consent_refused = En sak med samtykke krever et gitt samtykke. Velg anonymt, eller registrer samtykket.
cases-error-consent_required = Saken har ikke noe gyldig samtykke. Registrer det først på sakens side.
cases-conflict-slot_taken = Noen andre booket den plassen akkurat nå. Velg en annen.
cases-conflict-no_free_slot = Alle møtets plasser er booket.
cases-conflict-meeting_started = Møtet har begynt; saker kan ikke lenger meldes inn eller endres.
cases-conflict-meeting_cancelled = Møtet er avlyst.
cases-conflict-meeting_not_published = Møtet er ikke publisert ennå.
cases-conflict-case_purged = Sakens tekst er slettet etter oppbevaringstiden.
cases-conflict-already_withdrawn = Samtykket er allerede trukket tilbake.
cases-conflict-not_given = Bare et gitt samtykke kan trekkes tilbake.
cases-conflict-not_a_consultation = Bare drøftingsmøter har plasser til saker.

## notifications
# Følge, varsler, e-postinnstillinger og avmelding (web/src/notifications).

notifications-follow = Følg
notifications-unfollow = Slutt å følge
notifications-nav = Varsler
notifications-unread-count = { $count } uleste
notifications-title = Varsler
notifications-empty = Ikke noe nytt. Følg en tråd, en gruppe eller et prosjekt for å høre hva som skjer.
notifications-unread = Ulest
notifications-mark-read = Merk som lest
notifications-mark-all-read = Merk alle som lest
notifications-by = av { $name }
notifications-kind-new_thread = Ny tråd
notifications-kind-new_post = Nytt svar
notifications-kind-mention = Du ble nevnt
notifications-kind-project_update = Prosjektoppdatering
notifications-settings-title = E-post om varsler
notifications-mail-mode = Hvordan vil du få beskjed på e-post?
notifications-mail-mode-immediate = Med en gang, én e-post for hvert varsel
notifications-mail-mode-daily = En daglig oppsummering (kl. 07.00)
notifications-mail-mode-weekly = En ukentlig oppsummering (mandag kl. 07.00)
notifications-mail-mode-off = Ingen e-post
notifications-settings-save = Lagre
notifications-notice-saved = E-postinnstillingen din er lagret.
notifications-notice-read = Merket som lest.
notifications-unsubscribe-title = Stopp e-post om varsler
notifications-unsubscribe-intro = Vil du stoppe all e-post om varsler fra { $network }? Du ser fortsatt varslene dine når du logger inn, og kan slå på e-post igjen der.
notifications-unsubscribe-button = Stopp e-post
notifications-unsubscribe-done = Du får ikke flere e-poster om varsler fra { $network }. Du kan slå dem på igjen under Varsler når du logger inn.

## search-ui
# Søkesiden med fasetter og synonymsiden (web/src/search, web/templates/search*.html).

search-sort = Sorter
search-sort-relevance = Beste treff
search-sort-newest = Nyeste først
search-library = Prosjektbiblioteket (alle nettverk)
search-library-hint = Søk også i prosjektene andre nettverk deler.
search-facets = Avgrens
search-facet-any = Alle
search-facets-apply = Avgrens
search-facet-kind = Type
search-facet-status = Status
search-facet-sector = Sektor
search-facet-organisation = Organisasjon
search-facet-tag = Emneord
search-facet-year = År
search-from-network = fra { $network }
search-synonyms-link = Synonymer og forkortelser
kind-project_update = Prosjektoppdatering
kind-thread = Tråd
kind-post = Innlegg
kind-file = Fil
search-synonyms-title = Synonymer og forkortelser
search-synonyms-intro = Et søk på ett uttrykk i en linje finner også de andre, for eksempel BUP og barne- og ungdomspsykiatri. Endringer gjelder når innholdet er indeksert på nytt, vanligvis innen et minutt.
search-synonyms-empty = Nettverket har ingen synonymer ennå.
search-synonyms-caption = Nettverkets synonymer
search-synonyms-column = Uttrykk som betyr det samme
search-synonyms-add-title = Legg til synonymer
search-synonyms-phrases = Uttrykk
search-synonyms-phrases-hint = Skill uttrykkene med komma, for eksempel: BUP, barne- og ungdomspsykiatri
search-synonyms-add = Legg til
search-synonyms-delete = Slett
search-synonyms-delete-label = Slett { $phrases }
search-synonyms-created = Synonymene er lagt til.
search-synonyms-deleted = Synonymene er slettet.
search-synonyms-error-required = Skriv minst to uttrykk skilt med komma.
search-synonyms-error-too_few = Skriv minst to uttrykk skilt med komma.
search-synonyms-error-too_many = Bruk høyst 20 uttrykk i en linje.
search-synonyms-error-duplicate = Det samme uttrykket står der to ganger.
search-synonyms-error-invalid = Hvert uttrykk må inneholde et ord.
conflict-too_many_synonyms = Nettverket har allerede 500 linjer med synonymer. Slett noen først.

## forum

nav-forum = Forum
forum-title = Forum
forum-replies = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
}
forum-locked = Låst
forum-closed-group = Lukket gruppe
forum-moderation-title = Moderering
forum-no-categories = Forumet har ingen kategorier ennå. En koordinator oppretter dem.
forum-no-threads = Ingen tråder ennå.
forum-new-thread = Start en tråd
forum-start-thread = Start tråden
forum-group-threads = Tråder
forum-new-category = Ny kategori
forum-create-category = Opprett kategori
forum-edit-category = Rediger kategori
forum-save-category = Lagre kategori
forum-delete-category = Slett kategori
forum-delete-category-explained = Bare en kategori uten tråder kan slettes.
forum-delete-category-confirm = Ja, slett kategorien
forum-position-hint = Kategorier med lavere tall kommer først.
field-position = Rekkefølge
field-category_id = Kategori
field-reason = Begrunnelse
field-quoted_post_id = Sitert innlegg
forum-field-post = Ditt innlegg
forum-markdown-hint = Du kan bruke Markdown. Nevn et medlem ved å skrive @ og navnet slik nettverket viser det, f.eks. @Anna Hansen.
forum-started-by = Startet av { $name }
forum-manage-thread = Administrer tråden
forum-rename = Gi nytt navn
forum-lock = Lås tråden
forum-unlock = Lås opp tråden
forum-posts-label = Innlegg
forum-edited = redigert
forum-hidden = Skjult
forum-hidden-by-moderator = Skjult av en moderator.
forum-hidden-reason = begrunnelse: { $reason }
forum-quote-wrote = { $name } skrev:
forum-quote = Siter
forum-edit = Rediger
forum-flag = Rapporter
forum-flagged = Du har rapportert dette innlegget.
forum-flag-reason = Hvorfor bør en moderator se på innlegget?
forum-flag-send = Send til moderatorene
forum-hide = Skjul
forum-hide-confirm = Skjul innlegget
forum-restore = Gjenopprett
forum-restore-confirm = Gjenopprett innlegget
forum-reply = Svar
forum-send-reply = Send svar
forum-locked-explained = Tråden er låst og tar ikke imot nye innlegg.
forum-cannot-reply = Bare arbeidsgruppens medlemmer kan svare her.
forum-quoting = Du siterer { $name }.
forum-quote-remove = Ikke siter
forum-edit-title = Rediger innlegg
forum-edit-hint = Den tidligere teksten beholdes i innleggets historikk.
forum-save-post = Lagre innlegg
forum-cancel = Avbryt
forum-back-to-thread = Tilbake til tråden
forum-history-title = Redigeringshistorikk
forum-history-current = Nåværende tekst
forum-history-none = Innlegget er ikke redigert.
forum-history-replaced = Erstattet av { $name }
forum-open-flags = Åpne rapporter
forum-no-flags = Ingen innlegg er rapportert.
forum-log-title = Modereringslogg
forum-log-empty = Ingen modereringshandlinger ennå.
forum-col-when = Når
forum-col-thread = Tråd
forum-col-flagged-by = Rapportert av
forum-col-who = Hvem
forum-col-action = Handling
forum-action-hide = Skjulte et innlegg
forum-action-restore = Gjenopprettet et innlegg
forum-action-lock = Låste tråden
forum-action-unlock = Låste opp tråden
forum-action-move = Flyttet tråden
forum-notice-created = Tråden er startet.
forum-notice-replied = Svaret ditt er sendt.
forum-notice-edited = Innlegget er lagret.
forum-notice-renamed = Tråden har fått nytt navn.
forum-notice-flagged = Takk. Moderatorene har fått beskjed.
forum-notice-hidden = Innlegget er skjult.
forum-notice-restored = Innlegget er gjenopprettet.
forum-notice-locked = Tråden er låst.
forum-notice-unlocked = Tråden er låst opp.
forum-notice-category-created = Kategorien er opprettet.
forum-notice-category-saved = Kategorien er lagret.
forum-notice-category-deleted = Kategorien er slettet.
error-taken = Navnet er allerede i bruk.
conflict-thread_locked = Tråden er låst og tar ikke imot nye innlegg.
conflict-already_flagged = Du har allerede rapportert dette innlegget.
conflict-category_not_empty = Kategorien har fortsatt tråder og kan ikke slettes.

## material
material-title = Filer
material-none = Ingen filer ennå.
material-download = Last ned
material-status-pending = teksten leses
material-status-pending-explained = Filens tekst leses for søket; det tar et øyeblikk.
material-status-done = lest
material-status-failed = teksten kunne ikke leses: { $reason }
material-reason-unknown = ukjent årsak
material-upload-label = Legg til en fil
material-upload-hint = PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), OpenDocument (ODT, ODP), bilder (PNG, JPEG, GIF, WebP), tekst eller Markdown; høyst { $max } MB.
material-upload = Last opp
material-error-quota_exceeded = Nettverkets lagringsplass er full: { $used } av { $quota } er brukt. Slett filer dere ikke lenger trenger, eller be nettverkets eier om mer plass.
material-error-too_large = Filen er for stor; høyst { $max } MB.
material-error-unsupported_type = Denne typen fil kan ikke lastes opp, eller innholdet passer ikke til navnet.
material-error-incomplete = Filen kom ikke helt fram. Prøv å laste den opp igjen.
material-error-required = Velg en fil.
material-error-too_long = Filnavnet er for langt.
material-error-invalid = Filnavnet er ikke gyldig.
material-notice-uploaded = Filen er lastet opp.
material-notice-deleted = Filen er slettet.
material-notice-replaced = En ny versjon er lastet opp.
material-versions = Versjoner
material-version = Versjon
material-name = Navn
material-size = Størrelse
material-uploaded = Lastet opp
material-text = Tekst for søk
material-replace-title = Last opp en ny versjon
material-replace-label = Ny versjon
material-replace = Last opp ny versjon
material-delete = Slett fil
material-target-project = Prosjekt
material-target-meeting = Møte
material-target-thread = Tråd
material-target-group = Arbeidsgruppe

## showcases-full
# Prosjekter fullt ut: felter, partnere, oppdateringer, den offentlige utstillingen og prosjektbiblioteket
# (web/src/showcases, web/templates/project*.html, showcase.html).
nav-showcase = Utstilling
nav-library = Prosjektbibliotek
field-period_start = Startdato
field-period_end = Sluttdato
field-target_group = Målgruppe
field-age_groups = Aldersgrupper
field-sectors = Sektorer
field-municipalities = Kommuner
field-funding_source = Finansiering
field-funding_amount = Beløp
field-funding_currency = Valuta
field-contact_name = Kontaktperson
field-contact_email = Kontaktpersonens jobb-e-post
field-results = Resultater og evaluering
field-links = Lenker
field-cover_file_id = Forsidebilde
field-partner_organisation_ids = Partnerorganisasjoner
error-negative = Beløpet kan ikke være negativt.
error-invalid_url = Hver lenke må være en nettadresse som begynner med http:// eller https://.
age_group-0-5 = 0–5 år
age_group-6-12 = 6–12 år
age_group-13-17 = 13–17 år
age_group-18-25 = 18–25 år
project_sector-social_services = sosialtjenesten
project_sector-child_psychiatry = barne- og ungdomspsykiatri (BUP)
project_sector-school = skole
project_sector-health = helse
project_sector-ngo = frivillig organisasjon
project_sector-research = forskning
project_sector-agency = direktorat
showcases-form-about = Om prosjektet
showcases-form-who = Hvem eier og ser det
showcases-form-scope = Periode, målgruppe og sted
showcases-form-funding = Finansiering og kontakt
showcases-form-results = Resultater, lenker og forsidebilde
showcases-date-hint = For eksempel 2025-08-01.
showcases-municipalities-hint = Skill kommuner med komma, for eksempel: Bergen, Voss.
showcases-amount-hint = Helt beløp uten desimaler, for eksempel 450000.
showcases-currency-default = Nettverkets valuta
showcases-contact-email-hint = En jobbadresse, som alle som kan se prosjektet, ser.
showcases-links-hint = Én lenke per linje: tittel | https://… (eller bare adressen).
showcases-cover-hint = Et av prosjektets bilder, vist øverst på siden.
showcases-no-cover = Ikke noe forsidebilde
showcases-cover-alt = Forsidebilde til { $title }
showcases-period = Periode
showcases-funding = Finansiering
showcases-contact = Kontakt
showcases-network = Nettverk
showcases-updates-title = Oppdateringer
showcases-updates-none = Ingen oppdateringer ennå.
showcases-updates-more = Eldre oppdateringer
showcases-update-new = Skriv en oppdatering
showcases-update-post = Publiser oppdatering
showcases-update-delete = Slett oppdatering
showcases-notice-update-posted = Oppdateringen er publisert. De som følger prosjektet, får beskjed.
showcases-notice-update-deleted = Oppdateringen er slettet.
showcases-showcase-title = Utstilling
showcases-showcase-intro = Nettverkets offentlige prosjekter. Alle kan lese dem.
showcases-library-title = Prosjektbibliotek
showcases-library-intro = Prosjekter som nettverkene deler med hverandre, med nettverket som eier hvert av dem.
showcases-filter-label = Filtrer prosjekter
showcases-filter-legend = Filtrer
showcases-filter-all = Alle
showcases-filter-municipality = Kommune
showcases-filter-apply = Vis prosjekter
showcases-filter-clear = Nullstill filtre
showcases-results = Prosjekter
showcases-none = Det er ingen prosjekter å vise ennå.
showcases-none-filtered = Ingen prosjekter passer til filtrene.

## groups-meetings
groups-meetings-title = Gruppens møter
groups-meetings-empty = Gruppen har ingen kommende møter.
groups-meetings-past = Siste møter

## showcases-update-edit
showcases-update-edit = Rediger oppdatering
showcases-update-edit-title = Rediger oppdatering
showcases-update-save = Lagre oppdatering
showcases-update-cancel = Avbryt
showcases-notice-update-saved = Oppdateringen er lagret.

## Saksmateriale: erklæringen, mottakende organisasjoner, filer som identifikatorvakten holder tilbake
case_details-restricted = Det ligger en sak på denne plassen; du er ikke blant dem som leser den.
field-consent_receiving_organisations = Mottakende organisasjoner
cases-consent-organisations-hint = Bare godkjente deltakere fra organisasjonene du krysser av, ser sakens detaljer. Beskriv eventuelt tjenestene nærmere nedenfor.
cases-conflict-not_an_approved_participant = Bare møtets arrangører og godkjente deltakere bekrefter erklæringen.
conflict-kind_locked = Møtet har allerede saker, filer eller referat og kan derfor ikke bytte til eller fra drøftingsmøte.
conflict-members_only = Bare nettverkets medlemmer kan melde seg på et drøftingsmøte.
cases-declaration-title = Taushetsplikt
cases-declaration-text = Før du ser møtets saker, bekrefter du at du kjenner taushetsplikten din og holder det som sies om sakene, innenfor møtet.
cases-declaration-confirm = Jeg bekrefter taushetsplikten min
cases-declaration-done = Du har bekreftet taushetsplikten din for dette møtet.
cases-declarations-title = Bekreftede erklæringer
cases-declarations-none = Ingen har bekreftet erklæringen ennå.
cases-notice-declared = Erklæringen din er registrert.
material-guard-pending = Kontrolleres for identifiserende opplysninger – synlig for andre når den er godkjent.
material-guard-blocked = Slettet: filen inneholdt en identifikator ({ $kind }). Fjern den og last opp på nytt.
material-guard-needs_confirmation = Ingen tekst kunne leses. Bekreft at filen ikke inneholder identifikatorer før andre ser den.
material-guard-confirm = Den inneholder ingen identifikatorer
material-notice-confirmed = Takk – filen er nå synlig for møtets lesere.
