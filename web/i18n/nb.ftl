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
