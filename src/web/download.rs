//! Downloads written while they are read: a long file (a whole list as CSV) goes out
//! piece by piece from one read-only snapshot of the database, so the server holds
//! one piece at a time, never the whole file.
//!
//! [`stream_in`] runs the work on a blocking thread with its own pooled connection,
//! in one `REPEATABLE READ, READ ONLY` transaction under row-level security (as
//! [`crate::db::run_in`] does). The work first opens (counts what it will send, say)
//! and gives a head; a failure there is an ordinary error answer. Then it hands over
//! [`Pieces`] one at a time through a channel of one, so a slow reader slows the
//! reading of the database instead of filling the memory.
//!
//! Once the head has gone out, the answer's status and headers are sent: a failure
//! after that is logged under the request's id (what failed, never a stored value)
//! and the download is cut short without its end, so the browser reports it as
//! failed rather than keeping a file that looks whole. A reader that leaves or takes
//! nothing for [`STALLED`] ends the work, and the connection goes back to the pool.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;
use tokio::sync::{mpsc, oneshot};

use crate::db::{Actor, PgPool, Tenant};
use crate::web::error::AppError;

/// How long a download waits for its reader to take the next piece before it ends.
pub const STALLED: Duration = Duration::from_secs(60);

/// What a download sends after its head: the next piece of the file, `None` at its end.
pub trait Pieces {
    fn next(&mut self, tenant: &mut Tenant<'_>) -> Result<Option<Bytes>, AppError>;
}

/// The body of a streamed answer: the pieces as the work sends them. It ends when the
/// work says the file is whole, and fails when the work stopped before that.
pub struct Streamed {
    pieces: mpsc::Receiver<Option<Bytes>>,
    ended: bool,
}

impl MessageBody for Streamed {
    type Error = std::io::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(None);
        }
        match this.pieces.poll_recv(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Some(piece))) => Poll::Ready(Some(Ok(piece))),
            Poll::Ready(Some(None)) => {
                this.ended = true;
                Poll::Ready(None)
            }
            Poll::Ready(None) => {
                this.ended = true;
                Poll::Ready(Some(Err(std::io::Error::other(
                    "the download stopped before its end",
                ))))
            }
        }
    }
}

/// Opens `open` for `actor` in a read-only snapshot and streams the pieces it returns;
/// answers its head and the body to send. See the module's comment for failures.
pub async fn stream_in<H, P, O>(
    pool: &PgPool,
    actor: Actor,
    open: O,
) -> Result<(H, Streamed), AppError>
where
    H: Send + 'static,
    P: Pieces,
    O: FnOnce(&mut Tenant<'_>) -> Result<(H, P), AppError> + Send + 'static,
{
    let (head_tx, head_rx) = oneshot::channel();
    let (pieces_tx, pieces_rx) = mpsc::channel(1);
    let pool = pool.clone();
    let span = tracing::Span::current();
    let runtime = tokio::runtime::Handle::current();
    // Not awaited: the work goes on while the answer is sent, and ends on its own.
    drop(actix_web::rt::task::spawn_blocking(move || {
        let _request = span.enter();
        let send = Sender {
            runtime,
            pieces: pieces_tx,
        };
        write(&pool, &actor, open, head_tx, &send);
    }));
    let head = head_rx.await.map_err(|_| {
        AppError::Internal(anyhow::anyhow!("the download stopped before it began"))
    })??;
    Ok((
        head,
        Streamed {
            pieces: pieces_rx,
            ended: false,
        },
    ))
}

/// The work's end of the channel.
struct Sender {
    runtime: tokio::runtime::Handle,
    pieces: mpsc::Sender<Option<Bytes>>,
}

/// Why the work stopped sending before the end.
enum Gone {
    /// The reader closed the connection.
    Left,
    /// The reader took nothing for [`STALLED`].
    Stalled,
}

impl Sender {
    /// Hands `piece` (`None`: the end) to the reader, waiting at most [`STALLED`].
    fn send(&self, piece: Option<Bytes>) -> Result<(), Gone> {
        let sent = async { tokio::time::timeout(STALLED, self.pieces.send(piece)).await };
        match self.runtime.block_on(sent) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(Gone::Left),
            Err(_) => Err(Gone::Stalled),
        }
    }
}

fn write<H, P, O>(
    pool: &PgPool,
    actor: &Actor,
    open: O,
    head_tx: oneshot::Sender<Result<H, AppError>>,
    send: &Sender,
) where
    P: Pieces,
    O: FnOnce(&mut Tenant<'_>) -> Result<(H, P), AppError>,
{
    let mut conn = match pool.checkout() {
        Ok(conn) => conn,
        Err(cause) => {
            let _ = head_tx.send(Err(AppError::Unavailable(cause)));
            return;
        }
    };
    let mut head_tx = Some(head_tx);
    let outcome = conn.build_transaction().repeatable_read().read_only().run(
        |conn| -> Result<Result<(), Gone>, AppError> {
            let mut tenant = crate::db::enter(conn, actor)?;
            let (head, mut pieces) = open(&mut tenant)?;
            let asked = head_tx.take().map(|tx| tx.send(Ok(head)));
            if !matches!(asked, Some(Ok(()))) {
                return Ok(Err(Gone::Left));
            }
            while let Some(piece) = pieces.next(&mut tenant)? {
                if let Err(gone) = send.send(Some(piece)) {
                    return Ok(Err(gone));
                }
            }
            Ok(Ok(()))
        },
    );
    match outcome {
        Ok(Ok(())) => {
            // Sent after the snapshot's transaction ended, so a whole file is a committed read.
            if let Err(Gone::Stalled) = send.send(None) {
                tracing::warn!("a download's reader took nothing for a minute; it was ended");
            }
        }
        Ok(Err(Gone::Left)) => tracing::debug!("a download's reader left before its end"),
        Ok(Err(Gone::Stalled)) => {
            tracing::warn!("a download's reader took nothing for a minute; it was ended");
        }
        Err(e) => match head_tx.take() {
            Some(tx) => {
                let _ = tx.send(Err(e));
            }
            None => tracing::error!(
                cause = %without_values(&e),
                "a download failed after it began; it was cut short"
            ),
        },
    }
}

/// What failed, without the database's own words (which may quote a stored value).
fn without_values(e: &AppError) -> String {
    match e {
        AppError::Unavailable(_) => "the database became unavailable".to_owned(),
        AppError::Internal(cause) => match cause.downcast_ref::<diesel::result::Error>() {
            Some(diesel::result::Error::DatabaseError(kind, _)) => {
                format!("database error ({kind:?})")
            }
            Some(_) => "database error".to_owned(),
            None => "internal error".to_owned(),
        },
        _ => "refused".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(pieces: &[Option<&'static str>]) -> Result<Bytes, String> {
        let (tx, rx) = mpsc::channel(pieces.len().max(1));
        for piece in pieces {
            tx.send(piece.map(|p| Bytes::from_static(p.as_bytes())))
                .await
                .map_err(|e| e.to_string())?;
        }
        drop(tx);
        let body = Streamed {
            pieces: rx,
            ended: false,
        };
        actix_web::body::to_bytes(body)
            .await
            .map_err(|e| e.to_string())
    }

    #[actix_web::test]
    async fn a_download_ends_whole_only_when_its_work_says_so() {
        let whole = body_of(&[Some("a,b\r\n"), Some("1,2\r\n"), None]).await;
        assert_eq!(whole, Ok(Bytes::from_static(b"a,b\r\n1,2\r\n")));
        let cut = body_of(&[Some("a,b\r\n"), Some("1,2\r\n")]).await;
        assert!(cut.is_err(), "a download stopped half-way is not a file");
    }
}
