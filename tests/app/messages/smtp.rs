//! A small SMTP server the message tests send to: it accepts what lettre sends and
//! keeps each message as it arrived, refusing any recipient whose address starts
//! with `refuse`, as a mail server refuses an unknown mailbox.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct Arrived {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body, as sent.
    pub data: String,
}

impl Arrived {
    /// A header's value (the first of that name), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }

    pub fn body(&self) -> String {
        self.data
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default()
    }
}

#[derive(Clone)]
pub struct SmtpServer {
    pub port: u16,
    arrived: Arc<Mutex<Vec<Arrived>>>,
}

impl SmtpServer {
    /// Listens on a free local port, serving each connection on its own thread.
    pub fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the SMTP server");
        let port = listener.local_addr().expect("its address").port();
        let arrived = Arc::new(Mutex::new(Vec::new()));
        let keep = arrived.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let keep = keep.clone();
                std::thread::spawn(move || serve(stream, &keep));
            }
        });
        SmtpServer { port, arrived }
    }

    /// `HOMEROOM_SMTP_URL` for it.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn arrived(&self) -> Vec<Arrived> {
        self.arrived.lock().map(|a| a.clone()).unwrap_or_default()
    }

    /// What arrived for one address.
    pub fn to(&self, address: &str) -> Vec<Arrived> {
        self.arrived()
            .into_iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r.eq_ignore_ascii_case(address)))
            .collect()
    }
}

fn angle(argument: &str) -> String {
    let start = argument.find('<').map_or(0, |i| i + 1);
    let end = argument.rfind('>').unwrap_or(argument.len());
    argument.get(start..end).unwrap_or_default().to_owned()
}

fn serve(stream: TcpStream, arrived: &Mutex<Vec<Arrived>>) {
    let Ok(read) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read);
    let mut out = stream;
    let say = |out: &mut TcpStream, line: &str| out.write_all(format!("{line}\r\n").as_bytes());
    if say(&mut out, "220 localhost test SMTP").is_err() {
        return;
    }
    let mut mail_from = String::new();
    let mut rcpt_to: Vec<String> = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let answer = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            "250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            mail_from = angle(&command);
            rcpt_to.clear();
            "250 OK".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            let to = angle(&command);
            if to.to_ascii_lowercase().starts_with("refuse") {
                "550 5.1.1 No such mailbox here".to_owned()
            } else {
                rcpt_to.push(to);
                "250 OK".to_owned()
            }
        } else if upper == "DATA" {
            if say(&mut out, "354 Go ahead").is_err() {
                return;
            }
            let mut data = String::new();
            loop {
                let mut piece = String::new();
                match reader.read_line(&mut piece) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if piece == ".\r\n" {
                    break;
                }
                data.push_str(
                    piece
                        .strip_prefix('.')
                        .filter(|_| piece.starts_with(".."))
                        .unwrap_or(&piece),
                );
            }
            if let Ok(mut all) = arrived.lock() {
                all.push(Arrived {
                    mail_from: mail_from.clone(),
                    rcpt_to: std::mem::take(&mut rcpt_to),
                    data,
                });
            }
            "250 Queued".to_owned()
        } else if upper == "QUIT" {
            let _ = say(&mut out, "221 Bye");
            return;
        } else {
            "250 OK".to_owned()
        };
        if say(&mut out, &answer).is_err() {
            return;
        }
    }
}
