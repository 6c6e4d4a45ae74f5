//! HTTP/1.1 by hand over a TCP socket, for what a well-behaved client cannot send: bodies that
//! stall, trickle or never end, URLs and headers past any limit, invented methods, invalid
//! UTF-8. A body is produced as it is written, so the test process never holds it.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The answer: status, headers (lowercase names) and body.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.text()))
    }
}

/// How the body is sent after the head.
pub enum Send {
    /// Nothing more.
    Nothing,
    /// `chunk` written `times` times (errors ignored: the server may close early).
    Repeat { chunk: Vec<u8>, times: usize },
    /// These pieces with a pause before each (a slow line), then nothing.
    Paced {
        pieces: Vec<Vec<u8>>,
        pause: Duration,
    },
    /// These bytes, then the connection stays open and silent until the answer comes.
    ThenStall(Vec<u8>),
}

/// Sends `head` (request line and headers, without the blank line) and the body, and reads the
/// answer; the whole exchange must end within `limit`.
pub async fn exchange(addr: &str, head: &str, send: Send, limit: Duration) -> RawResponse {
    let run = async {
        let stream = TcpStream::connect(addr).await.unwrap();
        let (mut reader, mut writer) = stream.into_split();
        writer
            .write_all(format!("{head}\r\n\r\n").as_bytes())
            .await
            .unwrap();
        let writing = tokio::spawn(async move {
            match send {
                Send::Nothing => {}
                Send::Repeat { chunk, times } => {
                    for _ in 0..times {
                        if writer.write_all(&chunk).await.is_err() {
                            break;
                        }
                    }
                }
                Send::Paced { pieces, pause } => {
                    for piece in pieces {
                        tokio::time::sleep(pause).await;
                        if writer.write_all(&piece).await.is_err() {
                            break;
                        }
                    }
                }
                Send::ThenStall(bytes) => {
                    let _ = writer.write_all(&bytes).await;
                    let _ = writer.flush().await;
                    // Hold the connection open without sending: dropped with the task.
                    std::future::pending::<()>().await;
                }
            }
            writer
        });
        let response = read_response(&mut reader).await;
        writing.abort();
        response
    };
    tokio::time::timeout(limit, run)
        .await
        .unwrap_or_else(|_| panic!("no answer within {limit:?} to {head:.120}"))
}

async fn read_response(reader: &mut (impl AsyncReadExt + Unpin)) -> RawResponse {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = reader.read(&mut chunk).await.unwrap_or(0);
        assert!(n > 0, "the server closed without an answer");
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = buffer[head_end + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    loop {
        let done = match length {
            Some(length) => body.len() >= length,
            None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = reader.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    if chunked {
        body = dechunk(&body);
    }
    RawResponse {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&data[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        data = &data[line_end + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[(size + 2).min(data.len())..];
    }
    out
}

/// The resident memory of a process, in bytes, from `/proc/<pid>/status` (`VmRSS`).
pub fn resident_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kib| kib * 1024)
        .unwrap_or(0)
}
