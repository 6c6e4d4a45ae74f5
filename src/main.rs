use clap::Parser;
use samvirke::cli::Cli;
use samvirke::settings::Settings;
use samvirke::{commands, telemetry};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
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
