//! The HTTP shell: axum routes that read a request off the wire, hand it to the [`Service`] on a
//! blocking thread, and write its answer as JSON (an error as `{"error", "message"}` with its
//! status).
//!
//! | method | path | body | answer |
//! | --- | --- | --- | --- |
//! | `PUT` | `/v1/texts/{hash}` | [`Upload`](crate::text::Upload), signed | 201 / 200 `{"stored": "created" \| "already_there"}` |
//! | `GET` | `/v1/texts/{hash}` | signed, or not for public tickets | [`Record`](crate::text::Record) |
//! | `GET` | `/v1/tickets/{id}/texts?from=0&limit=100` | signed, or not for public tickets | [`Thread`] |
//! | `GET` | `/v1/health` | | `{"ok": true}` |

use crate::auth::Signed;
use crate::errors::ApiError;
use crate::service::{Request, Service, Stored, Thread};
use crate::text::{Record, MAX_TEXT_BYTES};
use axum::body::to_bytes;
use axum::extract::{ConnectInfo, FromRequest, Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::cors::{Any, CorsLayer};

/// The most body bytes read: the largest text, JSON-escaped (up to 6 bytes per byte of text),
/// plus room for the other fields.
const MAX_BODY_BYTES: usize = MAX_TEXT_BYTES * 6 + 4096;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self.body())).into_response();
        if self == ApiError::RateLimited {
            response
                .headers_mut()
                .insert("retry-after", axum::http::HeaderValue::from_static("1"));
        }
        response
    }
}

/// The answer to an upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadReply {
    pub stored: Stored,
}

/// What one request brought, owned, to move onto a blocking thread.
struct Wire {
    method: Method,
    host: String,
    path: String,
    signed: Result<Option<Signed>, ApiError>,
    body: Vec<u8>,
    peer: SocketAddr,
}

#[axum::async_trait]
impl<S: Send + Sync> FromRequest<S> for Wire {
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, _: &S) -> Result<Wire, ApiError> {
        let (parts, body) = request.into_parts();
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(SocketAddr::from(([0, 0, 0, 0], 0)), |info| info.0);
        let body = to_bytes(body, MAX_BODY_BYTES)
            .await
            .map_err(|_| ApiError::BodyTooLarge)?;
        let signed =
            Signed::from_headers(|name| parts.headers.get(name).and_then(|v| v.to_str().ok()))
                .map_err(ApiError::Auth);
        Ok(Wire {
            // HTTP/1.1 names the host in its `Host` header; HTTP/2 in the URI's authority.
            host: parts
                .headers
                .get(axum::http::header::HOST)
                .and_then(|v| v.to_str().ok())
                .or_else(|| parts.uri.authority().map(|a| a.as_str()))
                .unwrap_or_default()
                .to_ascii_lowercase(),
            path: parts
                .uri
                .path_and_query()
                .map_or(parts.uri.path(), |p| p.as_str())
                .to_string(),
            method: parts.method,
            signed,
            body: body.to_vec(),
            peer,
        })
    }
}

impl Wire {
    /// Runs `decide` on the request on a blocking thread.
    async fn decide<T: Send + 'static>(
        self,
        decide: impl FnOnce(&Request) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        tokio::task::spawn_blocking(move || {
            let request = Request {
                method: self.method.as_str(),
                host: &self.host,
                path: &self.path,
                signed: self.signed?,
                body: &self.body,
                peer: self.peer.ip(),
            };
            decide(&request)
        })
        .await
        .map_err(|e| ApiError::Storage(format!("the request's task failed: {e}")))?
    }
}

type Shared = State<Arc<Service>>;

async fn upload(
    State(service): Shared,
    Path(hash): Path<String>,
    wire: Wire,
) -> Result<(StatusCode, Json<UploadReply>), ApiError> {
    let stored = wire
        .decide(move |request| service.upload(&hash, request))
        .await?;
    let status = match stored {
        Stored::Created => StatusCode::CREATED,
        Stored::AlreadyThere => StatusCode::OK,
    };
    Ok((status, Json(UploadReply { stored })))
}

async fn read(
    State(service): Shared,
    Path(hash): Path<String>,
    wire: Wire,
) -> Result<Json<Record>, ApiError> {
    Ok(Json(
        wire.decide(move |request| service.read(&hash, request))
            .await?,
    ))
}

/// `?from=&limit=` of a thread.
#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    from: u32,
    #[serde(default = "default_limit")]
    limit: u32,
}

fn default_limit() -> u32 {
    crate::store::MAX_PAGE
}

async fn thread(
    State(service): Shared,
    Path(ticket): Path<String>,
    page: Option<Query<Page>>,
    wire: Wire,
) -> Result<Json<Thread>, ApiError> {
    let Some(Query(page)) = page else {
        return Err(ApiError::MalformedPath);
    };
    Ok(Json(
        wire.decide(move |request| service.thread(&ticket, page.from, page.limit, request))
            .await?,
    ))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "ok": true }))
}

/// The routes, over `service`. Any origin may call them (CORS): the web app is served from its
/// own origin, and a request proves who sends it by its signature headers, never by cookies, so
/// a foreign page gains nothing a script outside a browser would not have.
pub fn router(service: Arc<Service>) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::PUT])
        .allow_headers(Any);
    Router::new()
        .route("/v1/texts/:hash", get(read).put(upload))
        .route("/v1/tickets/:id/texts", get(thread))
        .route("/v1/health", get(health))
        .with_state(service)
        .layer(cors)
}

/// Serves `service` on `listener` until `shutdown` resolves, on a runtime of its own (this call
/// blocks). The service's last reference is dropped after that runtime: its connection tasks
/// hold clones, and roles may own a runtime of their own (the node client's), which may not be
/// dropped inside this one.
pub fn serve(
    listener: std::net::TcpListener,
    service: Arc<Service>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on({
        let service = service.clone();
        async move {
            axum::serve(
                tokio::net::TcpListener::from_std(listener)?,
                router(service).into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown)
            .await
        }
    });
    drop(runtime);
    drop(service);
    served
}

/// A server on a thread of its own, stopped when dropped: for the tests, the demo and the load
/// test.
pub struct Running {
    /// Its base URL (`http://127.0.0.1:<port>`).
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Serves `service` on a free loopback port.
    pub fn start(service: Arc<Service>) -> std::io::Result<Running> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            serve(listener, service, async {
                let _ = stopped.await;
            })
        });
        Ok(Running {
            url,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Running {
    /// Stops the server: what serving ended with (an error if its thread panicked).
    pub fn stop(mut self) -> std::io::Result<()> {
        self.halt()
    }

    fn halt(&mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(|thread| thread.join()) {
            Some(Ok(served)) => served,
            Some(Err(_)) => Err(std::io::Error::other("the server's thread panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.halt();
    }
}
