//! What each subcommand does.

use std::sync::Arc;

use anyhow::anyhow;
use domain::Services;
use domain::identity::{self, NewUser};
use domain::jobs::{self, JobStatus, Task};
use domain::people::{members, organisations};
use domain::policy::Role;
use domain::search::IndexBusy;
use domain::tenancy::{self, Language, NewNetwork, TenantScope};
use infra::clock::SystemClock;

use crate::app::{self, Application, Parts};
use crate::cli::{AdminCommand, Command};
use crate::demo;
use crate::healthcheck;
use crate::settings::Settings;

pub async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    // Checked before connecting anything: a health check must not depend on the database.
    if let Command::Healthcheck { url } = &command {
        return healthcheck::check(&healthcheck::target(&settings, url.as_deref())).await;
    }
    let svc = app::services(&settings, Arc::new(SystemClock)).await?;
    match command {
        Command::Serve { demo } => {
            hold_index_writer(&svc, &settings)?;
            app::migrate(&svc).await?;
            if demo {
                let summary = demo::load(&svc).await?;
                println!("{}", demo::describe(&summary, &settings.server.public_url));
            }
            let running = Application::start(
                svc,
                &settings,
                Parts {
                    http: true,
                    worker: true,
                },
                &settings.server.addr,
            )
            .await?;
            println!(
                "Samvirke is running at {} (Ctrl+C to stop)",
                settings.server.public_url
            );
            running.run_until_signalled().await
        }
        Command::Http => {
            app::ensure_migrated(&svc).await?;
            let running = Application::start(
                svc,
                &settings,
                Parts {
                    http: true,
                    worker: false,
                },
                &settings.server.addr,
            )
            .await?;
            running.run_until_signalled().await
        }
        Command::Worker => {
            hold_index_writer(&svc, &settings)?;
            app::ensure_migrated(&svc).await?;
            let running = Application::start(
                svc,
                &settings,
                Parts {
                    http: false,
                    worker: true,
                },
                &settings.server.addr,
            )
            .await?;
            running.run_until_signalled().await
        }
        Command::Migrate => {
            app::migrate(&svc).await?;
            println!("Migrations applied.");
            Ok(())
        }
        Command::Demo => {
            app::ensure_migrated(&svc).await?;
            let summary = demo::load(&svc).await?;
            println!("{}", demo::describe(&summary, &settings.server.public_url));
            Ok(())
        }
        Command::Reindex => {
            app::ensure_migrated(&svc).await?;
            reindex(&svc).await
        }
        Command::Admin(admin) => {
            app::ensure_migrated(&svc).await?;
            run_admin(&svc, &settings, admin).await
        }
        // Answered above, before connecting anything.
        Command::Healthcheck { .. } => Err(anyhow!("healthcheck runs without services")),
        // `main` runs it before any of this; here it would have limited nothing.
        Command::ExtractText { .. } => Err(anyhow!(
            "extract-text runs only as the worker's child process"
        )),
        #[cfg(feature = "bench")]
        Command::BenchSeed {
            networks,
            projects,
            meetings,
        } => {
            app::migrate(&svc).await?;
            let seeded = domain::bench_support::seed(&svc, networks, projects).await?;
            let meeting =
                domain::bench_support::seed_meetings(&svc, &seeded.slug, meetings).await?;
            println!("slug={}", seeded.slug);
            println!("meeting={meeting}");
            println!("project={}", seeded.project_id);
            println!("token={}", seeded.token);
            println!("email={}", seeded.coordinator_email);
            println!("password={}", seeded.coordinator_password);
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::BenchRegistrations { people, capacity } => {
            app::migrate(&svc).await?;
            let burst = domain::bench_support::registration_burst(&svc, people, capacity).await?;
            println!("seconds={:.3}", burst.seconds);
            println!("registered={}", burst.registered);
            println!("waitlisted={}", burst.waitlisted);
            println!("errors={}", burst.errors);
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::BenchSearch(args) => crate::bench_search::run(args).await,
        #[cfg(feature = "bench")]
        Command::BenchHostileFiles {
            out,
            mebibytes,
            word,
        } => {
            use worker::samples;
            std::fs::create_dir_all(&out)?;
            let files = [
                ("pdf-bomb.pdf", samples::pdf_bomb(mebibytes)?),
                ("zip-bomb.docx", samples::zip_bomb(mebibytes)?),
                (
                    "normal.docx",
                    samples::docx_with(&[&format!("Referat fra {word} om trivsel i udskolingen")])?,
                ),
            ];
            for (name, bytes) in files {
                std::fs::write(out.join(name), &bytes)?;
                println!("{name}={}", bytes.len());
            }
            Ok(())
        }
    }
}

/// A process that runs a worker takes the search index's writer before anything else: the
/// embedded index allows one writer, and a second process writing beside the first would wait
/// on it forever or, worse, each would believe it owned the index. It is refused at its start,
/// saying why, instead of failing its first indexing job.
fn hold_index_writer(svc: &Services, settings: &Settings) -> anyhow::Result<()> {
    match svc.search.hold_writer() {
        Ok(()) => Ok(()),
        Err(e) if e.downcast_ref::<IndexBusy>().is_some() => Err(anyhow!(
            "another process (a `samvirke worker` or `samvirke serve`) already writes to the embedded search index in {}: the embedded index allows one writer, so run one worker per data folder, or set search.meilisearch_url so that several workers can index",
            settings.index_dir().display()
        )),
        Err(e) => Err(e.context("taking the search index's writer")),
    }
}

async fn reindex(svc: &Services) -> anyhow::Result<()> {
    match domain::search::rebuild(svc).await {
        Ok(written) => {
            println!("Search index rebuilt: {written} documents.");
            Ok(())
        }
        Err(domain::Error::Internal(e)) if e.downcast_ref::<IndexBusy>().is_some() => {
            let id = jobs::enqueue_standalone(svc, &Task::RebuildSearchIndex).await?;
            println!(
                "A running server holds the search index; the rebuild is queued for its worker (job {id})."
            );
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

fn language(value: &str) -> anyhow::Result<Language> {
    Language::parse(value)
        .ok_or_else(|| anyhow!("unknown language {value:?}: use da, nb, sv or en"))
}

async fn run_admin(
    svc: &Services,
    settings: &Settings,
    command: AdminCommand,
) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateNetwork(args) => {
            let network = tenancy::create_network(
                svc,
                NewNetwork {
                    slug: args.slug,
                    name: args.name,
                    default_language: language(&args.language)?,
                    time_zone: args.time_zone,
                },
            )
            .await
            .map_err(explain)?;
            println!("Created network {} ({}).", network.slug, network.id);
        }
        AdminCommand::CreateUser(args) => {
            let user = identity::create_user(
                svc,
                NewUser {
                    email: args.email,
                    display_name: args.name,
                    password: args.password,
                    preferred_language: args.language.as_deref().map(language).transpose()?,
                },
            )
            .await
            .map_err(explain)?;
            println!("Created user {} ({}).", user.email, user.id);
        }
        AdminCommand::AddMember(args) => {
            let role = Role::parse(&args.role).ok_or_else(|| {
                anyhow!(
                    "unknown role {:?}: use observer, partner, member, coordinator or owner",
                    args.role
                )
            })?;
            let network = tenancy::find_network(svc, &args.network)
                .await
                .map_err(|_| anyhow!("no network with the slug {:?}", args.network))?;
            let scope = TenantScope::system(network, "cli");
            let user = identity::find_user_by_email(svc, &args.email)
                .await
                .map_err(|_| anyhow!("no user with the e-mail {:?}", args.email))?;
            let organisation_id = match &args.organisation {
                Some(name) => Some(
                    organisations::find_by_name(svc, &scope, name)
                        .await
                        .map_err(|_| anyhow!("no organisation named {name:?} in {}", args.network))?
                        .id,
                ),
                None => None,
            };
            let id = members::add(svc, &scope, user.id, organisation_id, role)
                .await
                .map_err(explain)?;
            println!(
                "Added {} to {} as {} (membership {id}).",
                args.email, args.network, role
            );
        }
        AdminCommand::BackupCheck(args) => {
            let source = args.source.unwrap_or_else(|| settings.database_url());
            crate::backup_check::run(
                settings,
                Arc::new(SystemClock),
                crate::backup_check::Request {
                    dump: args.dump,
                    source,
                },
            )
            .await?;
        }
        AdminCommand::ReapplyPurges => {
            let purged = domain::consultations::purge_all_due(svc).await?;
            println!("Purges due: {purged} consultation meeting(s) purged (again).");
        }
        AdminCommand::Jobs(args) => {
            let status = args.dead.then_some(JobStatus::Dead);
            let list = jobs::list(svc, status, args.limit).await?;
            if list.is_empty() {
                println!("No jobs.");
            }
            for job in list {
                println!(
                    "{}  {:<8} {:<22} attempts {}/{}  due {}{}",
                    job.id,
                    job.status.as_str(),
                    job.kind,
                    job.attempts,
                    job.max_attempts,
                    job.run_after.format("%Y-%m-%d %H:%M:%S"),
                    job.last_error
                        .map(|e| format!("\n    last error: {e}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}

/// Turns a domain error into a sentence for the operator.
fn explain(error: domain::Error) -> anyhow::Error {
    match error {
        domain::Error::Invalid(fields) => {
            let list: Vec<String> = fields
                .iter()
                .map(|f| format!("{} is {}", f.field, f.code.replace('_', " ")))
                .collect();
            anyhow!("invalid input: {}", list.join(", "))
        }
        domain::Error::Conflict { code } => anyhow!("refused: {}", code.replace('_', " ")),
        other => anyhow::Error::new(other).context("the command failed"),
    }
}
