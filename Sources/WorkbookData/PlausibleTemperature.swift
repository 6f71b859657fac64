/// The range a measured air temperature in degrees Celsius can take, with room to spare (Earth's
/// records are near -89 °C and 57 °C). A value outside it in a data file is a typing or format
/// error, not weather, and would quietly skew the normalisation, so the readers refuse it.
enum PlausibleTemperature {
    static let range = -90.0...60.0

    /// Why `value` cannot be a temperature, or nil if it can.
    static func problem(with value: Double, named name: String) -> String? {
        range.contains(value)
            ? nil
            : "\(name) \(value) is not a plausible temperature in °C "
                + "(expected \(Int(range.lowerBound)) to \(Int(range.upperBound)))"
    }
}
