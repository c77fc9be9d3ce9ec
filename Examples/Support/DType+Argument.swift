import ArgumentParser
import Autograd

/// `--dtype float32` or `--dtype float64` on an example's command line: ArgumentParser reads
/// the raw value, lists both names in the help, and refuses any other value with status 64.
extension DType: ExpressibleByArgument {}
