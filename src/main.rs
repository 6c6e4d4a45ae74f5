use clap::Parser;
use samvirke::cli::{Cli, Command};
use samvirke::settings::Settings;
use samvirke::{commands, telemetry};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // Text extraction's child process: no settings, no logging, no runtime — it limits its own
    // memory before anything else, and a runtime's threads would only spend that memory.
    if let Command::ExtractText {
        memory_mb,
        cpu_secs,
    } = cli.command
    {
        return worker::extract::child::main(memory_mb, cpu_secs);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("samvirke: starting the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> std::process::ExitCode {
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("samvirke: {e:#}");
            return std::process::ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log);
    match commands::run(cli.command, settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "stopped");
            eprintln!("samvirke: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
