//! Who may read and who may write a ticket's texts: the rules alone, from what the desk says
//! about the ticket and the account, with no storage or network in sight.

use crate::roles::TicketFacts;
use crate::text::Kind;

/// Why an account may not do what it asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Only the ticket's customer, agents and (for public tickets) anyone may read its texts;
    /// this reader is none of them (or did not sign).
    MayNotRead,
    /// Only the ticket's customer writes its request.
    NotTheCustomer,
    /// Only the customer, agents and, on public tickets, community members write on a ticket.
    MayNotWrite,
    /// Only a request says whether the ticket is public.
    PublicOnlyOnRequest,
    /// The request's hash is not the ticket's content hash on chain.
    NotTheTicketsRequest,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::MayNotRead => {
                "only the ticket's customer, agents and, on a public ticket, anyone may read its texts"
            }
            Refusal::NotTheCustomer => "only the ticket's customer writes its request",
            Refusal::MayNotWrite => {
                "only the ticket's customer, agents and, on a public ticket, anyone may write on it"
            }
            Refusal::PublicOnlyOnRequest => "only the request says whether a ticket is public",
            Refusal::NotTheTicketsRequest => {
                "a request's hash must be the ticket's content hash on chain"
            }
        })
    }
}

/// Whether `reader` (`None`: an unsigned request) may read the texts of `ticket`, whose texts
/// are `public` or not, given the reader's agent level.
pub fn may_read(
    reader: Option<&[u8; 32]>,
    ticket: &TicketFacts,
    agent_level: Option<u8>,
    public: bool,
) -> Result<(), Refusal> {
    let is_customer = reader == Some(&ticket.customer);
    if public || is_customer || agent_level.is_some() {
        Ok(())
    } else {
        Err(Refusal::MayNotRead)
    }
}

/// Whether `writer` may upload a text of `kind` with `hash` to `ticket` (whose texts are
/// `public` or not), declaring it `public`.
pub fn may_write(
    writer: &[u8; 32],
    ticket: &TicketFacts,
    agent_level: Option<u8>,
    public_ticket: bool,
    kind: Kind,
    hash: &[u8; 32],
    declares_public: bool,
) -> Result<(), Refusal> {
    let is_customer = writer == &ticket.customer;
    match kind {
        Kind::Request if !is_customer => Err(Refusal::NotTheCustomer),
        Kind::Request if hash != &ticket.request => Err(Refusal::NotTheTicketsRequest),
        Kind::Request => Ok(()),
        _ if declares_public => Err(Refusal::PublicOnlyOnRequest),
        _ if is_customer || agent_level.is_some() || public_ticket => Ok(()),
        _ => Err(Refusal::MayNotWrite),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMER: [u8; 32] = [1; 32];
    const STRANGER: [u8; 32] = [3; 32];
    const TICKET: TicketFacts = TicketFacts {
        customer: CUSTOMER,
        request: [9; 32],
    };

    #[test]
    fn the_customer_and_agents_read_a_private_ticket_and_a_stranger_does_not() {
        assert_eq!(may_read(Some(&CUSTOMER), &TICKET, None, false), Ok(()));
        assert_eq!(may_read(Some(&STRANGER), &TICKET, Some(1), false), Ok(()));
        assert_eq!(
            may_read(Some(&STRANGER), &TICKET, None, false),
            Err(Refusal::MayNotRead)
        );
        assert_eq!(
            may_read(None, &TICKET, None, false),
            Err(Refusal::MayNotRead)
        );
    }

    #[test]
    fn anyone_reads_a_public_ticket_even_unsigned() {
        assert_eq!(may_read(None, &TICKET, None, true), Ok(()));
    }

    #[test]
    fn a_stranger_cannot_write_the_request_nor_a_wrong_hash_pass_as_it() {
        let request = [9; 32];
        assert_eq!(
            may_write(
                &STRANGER,
                &TICKET,
                Some(3),
                false,
                Kind::Request,
                &request,
                false
            ),
            Err(Refusal::NotTheCustomer)
        );
        assert_eq!(
            may_write(
                &CUSTOMER,
                &TICKET,
                None,
                false,
                Kind::Request,
                &[8; 32],
                true
            ),
            Err(Refusal::NotTheTicketsRequest)
        );
        assert_eq!(
            may_write(
                &CUSTOMER,
                &TICKET,
                None,
                false,
                Kind::Request,
                &request,
                true
            ),
            Ok(())
        );
    }

    #[test]
    fn the_community_answers_public_tickets_only() {
        let answer = |public_ticket| {
            may_write(
                &STRANGER,
                &TICKET,
                None,
                public_ticket,
                Kind::Response,
                &[4; 32],
                false,
            )
        };
        assert_eq!(answer(true), Ok(()));
        assert_eq!(answer(false), Err(Refusal::MayNotWrite));
    }

    #[test]
    fn only_a_request_declares_a_ticket_public() {
        assert_eq!(
            may_write(
                &CUSTOMER,
                &TICKET,
                None,
                false,
                Kind::Response,
                &[4; 32],
                true
            ),
            Err(Refusal::PublicOnlyOnRequest)
        );
    }
}
