//! Real Chromium through ChromeDriver (fantoccini), and axe-core injected into the page.
//!
//! `SAMVIRKE_TEST_CHROMEDRIVER` (default: `chromedriver` on the PATH), `SAMVIRKE_TEST_CHROMIUM`
//! (default: `chromium`) and `SAMVIRKE_TEST_AXE` (the path of `axe.min.js`) say where they are.
//! When one is missing the browser tests say they were skipped — unless
//! `SAMVIRKE_TEST_REQUIRE_BROWSER` is set, as `scripts/test` does, and then they fail.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub struct Browser {
    pub client: Client,
    pub javascript: bool,
    driver: Child,
    _profile: tempfile::TempDir,
    axe: String,
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    })
}

fn tool(variable: &str, default: &str) -> Option<PathBuf> {
    match std::env::var_os(variable) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => which(default),
    }
}

/// Everything the browser tests need, or why they cannot run.
fn tools() -> Result<(PathBuf, PathBuf, String), String> {
    let driver =
        tool("SAMVIRKE_TEST_CHROMEDRIVER", "chromedriver").ok_or("chromedriver not found")?;
    let chromium = tool("SAMVIRKE_TEST_CHROMIUM", "chromium").ok_or("chromium not found")?;
    let axe_path = std::env::var("SAMVIRKE_TEST_AXE").map_err(|_| "SAMVIRKE_TEST_AXE not set")?;
    let axe = std::fs::read_to_string(&axe_path).map_err(|e| format!("reading {axe_path}: {e}"))?;
    Ok((driver, chromium, axe))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium, with or without JavaScript. `None` (with a
    /// message) when the tools are missing and not required.
    pub async fn start(javascript: bool) -> Option<Browser> {
        let (driver_path, chromium, axe) = match tools() {
            Ok(found) => found,
            Err(why) => {
                assert!(
                    std::env::var_os("SAMVIRKE_TEST_REQUIRE_BROWSER").is_none(),
                    "browser tests are required but cannot run: {why}"
                );
                eprintln!("skipped: {why} (run scripts/test to install the browser)");
                return None;
            }
        };
        let port = free_port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut options = json!({ "binary": chromium, "args": args });
        if !javascript {
            options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let capabilities: serde_json::Map<String, Value> =
            serde_json::from_value(json!({ "goog:chromeOptions": options })).unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) => {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "ChromeDriver did not come up: {e}"
                    );
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
            }
        };
        Some(Browser {
            client,
            javascript,
            driver,
            _profile: profile,
            axe,
        })
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// The visible text of the page. A page that is still replacing itself (a form just
    /// submitted) is read again.
    pub async fn text(&self) -> String {
        let mut attempts = 0;
        loop {
            let read = async { self.client.find(Locator::Css("body")).await?.text().await };
            match read.await {
                Ok(text) => return text,
                Err(e) if attempts < 50 => {
                    attempts += 1;
                    let _ = e;
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => panic!("reading the page: {e}"),
            }
        }
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    /// Waits (10 s at most) until the browser has left `from`, and returns the new path.
    pub async fn wait_for_path_change(&self, from: &str) -> String {
        super::eventually(10, &format!("leaving {from}"), || async move {
            self.path().await != from
        })
        .await;
        self.path().await
    }

    /// Waits (10 s at most) until the page shows `text`.
    pub async fn wait_for_text(&self, text: &str) {
        super::eventually(10, &format!("{text:?} on the page"), || async move {
            self.text().await.contains(text)
        })
        .await;
    }

    /// WCAG 2.0/2.1 A and AA violations on the current page, as `rule: target` lines.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        // The page may not run its own scripts; WebDriver's script execution still works.
        self.client.execute(&self.axe, vec![]).await.unwrap();
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                      .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')) }))))
                      .catch(e => done([{ id: 'axe-error', impact: String(e), targets: [] }]));"#,
                vec![],
            )
            .await
            .unwrap();
        result
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("{} ({}): {}", v["id"], v["impact"], v["targets"]))
            .collect()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
