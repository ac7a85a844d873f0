//! Nothing: this package holds the scale tests (`scale.rs`, `scale_stream.rs`).
