//! What the node commands print: numbered progress lines and the gas a transaction used.

/// A numbered progress line.
pub(crate) struct Progress {
    pub(crate) step: u32,
    pub(crate) total: u32,
}

impl Progress {
    pub(crate) fn say(&mut self, what: &str) {
        self.step = self.step.saturating_add(1);
        println!("[{}/{}] {what}", self.step, self.total);
    }
}

/// The gas and storage deposit a transaction used, as one indented line.
pub(crate) fn gas_line<T>(submitted: &super::chain::Submitted<T>) -> String {
    format!(
        "      gas {} ref_time / {} proof_size, storage deposit {}",
        submitted.gas.0, submitted.gas.1, submitted.deposit
    )
}
