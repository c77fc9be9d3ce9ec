extension Int {
    /// The product of `factors`, or `nil` when it overflows `Int` (sizes read from a file
    /// can be anything).
    static func checkedProduct(_ factors: [Int]) -> Int? {
        var product = 1
        for factor in factors {
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            product = result
        }
        return product
    }
}
