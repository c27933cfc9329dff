//! A local SMTP server that accepts every message and keeps it: the "mail server" of the tests.

use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    /// The decoded text of the body.
    pub text: String,
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    /// Starts listening on a free port of 127.0.0.1 and returns the sink and its `smtp://` URL.
    pub async fn start() -> (Self, String) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP sink");
        let url = format!("smtp://{}", listener.local_addr().expect("address"));
        let sink = Self::default();
        let mails = sink.mails.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, mails.clone()));
            }
        });
        (sink, url)
    }

    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        let mails = self.mails.lock().expect("sink lock");
        mails.iter().filter(|mail| mail.to.iter().any(|to| to == address)).cloned().collect()
    }
}

async fn serve(stream: tokio::net::TcpStream, mails: Arc<Mutex<Vec<Mail>>>) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let mut to = Vec::new();
    if writer.write_all(b"220 todoke-test-sink\r\n").await.is_err() {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250 todoke-test-sink\r\n"
        } else if command.starts_with("RCPT TO:") {
            to.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
            b"250 OK\r\n"
        } else if command.starts_with("DATA") {
            if writer.write_all(b"354 go ahead\r\n").await.is_err() {
                return;
            }
            let mut data = Vec::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if line == "." {
                    break;
                }
                data.push(line);
            }
            let mail = Mail { to: std::mem::take(&mut to), text: decode(&data) };
            mails.lock().expect("sink lock").push(mail);
            b"250 OK queued\r\n"
        } else if command.starts_with("QUIT") {
            let _ = writer.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 OK\r\n"
        };
        if writer.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// The body of a single-part message, decoding base64 when its header says so.
fn decode(data: &[String]) -> String {
    let blank = data.iter().position(String::is_empty).unwrap_or(data.len());
    let (headers, body) = data.split_at(blank);
    let body: Vec<&str> = body.iter().map(String::as_str).collect();
    let base64 = headers.iter().any(|h| h.to_ascii_lowercase().starts_with("content-transfer-encoding: base64"));
    if base64 {
        let joined: String = body.concat();
        let bytes = base64::engine::general_purpose::STANDARD.decode(joined.trim()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        body.join("\n")
    }
}
