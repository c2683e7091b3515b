import Testing

/// The fixed-point tests check the process-wide saturation counters (`Q16.saturations`), so
/// they run one at a time: a test resetting the counters must not race another's operations.
@Suite(.serialized) enum SaturationCounting {}
