extension Int {
    /// The product of `factors`, or `nil` when the product of the nonzero ones overflows
    /// `Int` (sizes read from a file can be anything). A zero factor does not hide an
    /// overflow: when this returns a value, every product of some of `factors` (a row
    /// size, a stride) fits in an `Int` too.
    static func checkedProduct(_ factors: [Int]) -> Int? {
        var nonzeroProduct = 1
        for factor in factors where factor != 0 {
            let (result, overflow) = nonzeroProduct.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            nonzeroProduct = result
        }
        return factors.contains(0) ? 0 : nonzeroProduct
    }
}
