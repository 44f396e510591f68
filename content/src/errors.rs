//! Every refusal the service gives, with its HTTP status and its name: the body of an error reply
//! is `{"error": "<name>", "message": "<in words>"}`.

use crate::access::Refusal;
use crate::auth::AuthError;
use crate::text::MAX_TEXT_BYTES;
use serde::{Deserialize, Serialize};

/// Why a request was refused (or failed). Nothing is stored when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The body is not the JSON the endpoint takes (the parser's words).
    MalformedJson(String),
    /// The path's hash is not `0x` and 64 hex digits, or its ticket id not a number.
    MalformedPath,
    /// The body is larger than the service reads at all.
    BodyTooLarge,
    /// The text is longer than [`MAX_TEXT_BYTES`].
    TextTooLarge(usize),
    /// An upload must be signed.
    SignatureRequired,
    /// The signature headers are missing, malformed, expired, replayed or do not verify.
    Auth(AuthError),
    /// Too many requests from this account (or address) just now.
    RateLimited,
    /// The text and salt do not hash to the key they were sent under.
    WrongHash,
    /// The desk has no ticket with this id.
    UnknownTicket(u64),
    /// No text is stored under this hash.
    NotFound,
    /// The text is stored already, for another ticket or kind.
    StoredElsewhere,
    /// The access rules refuse it.
    Refused(Refusal),
    /// The chain could not be asked who may do what.
    ChainUnavailable(String),
    /// The storage failed.
    Storage(String),
}

/// The JSON body of an error reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error's name (`WrongHash`, `MayNotRead`, …).
    pub error: String,
    /// What it means, in words.
    pub message: String,
}

impl ApiError {
    /// The HTTP status it is sent with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::MalformedJson(_) | ApiError::MalformedPath => 400,
            ApiError::Auth(AuthError::Missing(_) | AuthError::Malformed(_)) => 400,
            ApiError::SignatureRequired | ApiError::Auth(_) => 401,
            ApiError::Refused(_) => 403,
            ApiError::UnknownTicket(_) | ApiError::NotFound => 404,
            ApiError::StoredElsewhere => 409,
            ApiError::BodyTooLarge | ApiError::TextTooLarge(_) => 413,
            ApiError::WrongHash => 422,
            ApiError::RateLimited => 429,
            ApiError::Storage(_) => 500,
            ApiError::ChainUnavailable(_) => 503,
        }
    }

    /// Its name.
    pub fn name(&self) -> &'static str {
        match self {
            ApiError::MalformedJson(_) => "MalformedJson",
            ApiError::MalformedPath => "MalformedPath",
            ApiError::BodyTooLarge => "BodyTooLarge",
            ApiError::TextTooLarge(_) => "TextTooLarge",
            ApiError::SignatureRequired => "SignatureRequired",
            ApiError::Auth(AuthError::Missing(_)) => "MissingHeader",
            ApiError::Auth(AuthError::Malformed(_)) => "MalformedHeader",
            ApiError::Auth(AuthError::Expired) => "Expired",
            ApiError::Auth(AuthError::BadSignature) => "BadSignature",
            ApiError::Auth(AuthError::Replayed) => "Replayed",
            ApiError::RateLimited => "RateLimited",
            ApiError::WrongHash => "WrongHash",
            ApiError::UnknownTicket(_) => "UnknownTicket",
            ApiError::NotFound => "NotFound",
            ApiError::StoredElsewhere => "StoredElsewhere",
            ApiError::Refused(Refusal::MayNotRead) => "MayNotRead",
            ApiError::Refused(Refusal::NotTheCustomer) => "NotTheCustomer",
            ApiError::Refused(Refusal::MayNotWrite) => "MayNotWrite",
            ApiError::Refused(Refusal::PublicOnlyOnRequest) => "PublicOnlyOnRequest",
            ApiError::Refused(Refusal::NotTheTicketsRequest) => "NotTheTicketsRequest",
            ApiError::ChainUnavailable(_) => "ChainUnavailable",
            ApiError::Storage(_) => "Storage",
        }
    }

    /// The reply's body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: self.name().into(),
            message: self.to_string(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::MalformedJson(why) => write!(f, "the body is not the JSON expected: {why}"),
            ApiError::MalformedPath => {
                write!(f, "the path needs a 0x-hex 32-byte hash or a ticket number")
            }
            ApiError::BodyTooLarge => write!(f, "the body is too large"),
            ApiError::TextTooLarge(bytes) => write!(
                f,
                "the text is {bytes} bytes; the most the service takes is {MAX_TEXT_BYTES}"
            ),
            ApiError::SignatureRequired => write!(f, "an upload must be signed by its writer"),
            ApiError::Auth(why) => write!(f, "{why}"),
            ApiError::RateLimited => write!(f, "too many requests just now: retry in a second"),
            ApiError::WrongHash => write!(
                f,
                "the salt and text do not hash (BLAKE2b-256 of salt then text) to the key"
            ),
            ApiError::UnknownTicket(id) => write!(f, "the desk has no ticket {id}"),
            ApiError::NotFound => write!(f, "no text is stored under this hash"),
            ApiError::StoredElsewhere => {
                write!(f, "this text is stored already, for another ticket or kind")
            }
            ApiError::Refused(why) => write!(f, "{why}"),
            ApiError::ChainUnavailable(why) => write!(f, "the chain could not be asked: {why}"),
            ApiError::Storage(why) => write!(f, "the storage failed: {why}"),
        }
    }
}

impl std::error::Error for ApiError {}
