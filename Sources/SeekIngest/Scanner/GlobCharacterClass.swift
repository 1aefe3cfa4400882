/// A bracket expression of a gitignore glob: `[abc]`, `[a-z]`, `[!0-9]`, `[[:alpha:]]`.
///
/// Ranges compare Unicode scalar values; the POSIX classes are the ASCII ones of the C locale,
/// as in git's wildmatch.
struct GlobCharacterClass: Sendable, Equatable {
    /// The POSIX character classes git's wildmatch knows.
    enum NamedClass: String, Sendable, Equatable, CaseIterable {
        case alnum, alpha, blank, cntrl, digit, graph, lower, print, punct, space, upper, xdigit

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            guard scalar.isASCII else { return false }
            let value = scalar.value
            let isDigit = (0x30...0x39).contains(value)
            let isUpper = (0x41...0x5A).contains(value)
            let isLower = (0x61...0x7A).contains(value)
            let isGraph = (0x21...0x7E).contains(value)
            switch self {
            case .alnum: return isDigit || isUpper || isLower
            case .alpha: return isUpper || isLower
            case .blank: return value == 0x20 || value == 0x09
            case .cntrl: return value < 0x20 || value == 0x7F
            case .digit: return isDigit
            case .graph: return isGraph
            case .lower: return isLower
            case .print: return isGraph || value == 0x20
            case .punct: return isGraph && !(isDigit || isUpper || isLower)
            case .space: return (0x09...0x0D).contains(value) || value == 0x20
            case .upper: return isUpper
            case .xdigit: return isDigit || (0x41...0x46).contains(value) || (0x61...0x66).contains(value)
            }
        }
    }

    /// `[!...]` or `[^...]`: the class matches every scalar it does not list.
    var isNegated = false
    /// Scalars listed one by one.
    var scalars: [Unicode.Scalar] = []
    /// `a-z` ranges as (lower, upper) scalar values; a reversed range matches nothing, as in git.
    var ranges: [(lower: UInt32, upper: UInt32)] = []
    /// `[:alpha:]` and friends.
    var namedClasses: [NamedClass] = []

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let listed = scalars.contains(scalar)
            || ranges.contains { $0.lower <= scalar.value && scalar.value <= $0.upper }
            || namedClasses.contains { $0.contains(scalar) }
        return listed != isNegated
    }

    static func == (left: GlobCharacterClass, right: GlobCharacterClass) -> Bool {
        left.isNegated == right.isNegated && left.scalars == right.scalars
            && left.ranges.elementsEqual(right.ranges) { $0.lower == $1.lower && $0.upper == $1.upper }
            && left.namedClasses == right.namedClasses
    }
}
