import Mustache

/// What a page's templates are given: named values of the few kinds a page is made of, which Mustache
/// reads by name and a page's digest reads whole, with no `Any` to cast or reflect on.
struct PageValues: MustacheParent {
    /// In the order of their bytes, which the digest reads them in: kept so as they are set, rather
    /// than sorted for each digest of each page.
    private var names: [String] = []
    private var values: [PageValue] = []

    init(_ pairs: KeyValuePairs<String, PageValue> = [:]) {
        for (name, value) in pairs { self[name] = value }
    }

    /// A value by name; setting one replaces it where it was, and setting nil leaves it out.
    subscript(name: String) -> PageValue? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            switch (names.firstIndex(of: name), newValue) {
            case (let index?, let value?): values[index] = value
            case (let index?, nil):
                names.remove(at: index)
                values.remove(at: index)
            case (nil, let value?):
                let place = names.firstIndex { name.precedesInBytes($0) } ?? names.endIndex
                names.insert(name, at: place)
                values.insert(value, at: place)
            case (nil, nil): break
            }
        }
    }

    /// These values and, under names these lack, `other`'s.
    func merging(_ other: PageValues) -> PageValues {
        var merged = self
        for (name, value) in zip(other.names, other.values) where merged[name] == nil { merged[name] = value }
        return merged
    }

    /// A name these values lack is nil, so that Mustache looks for it in the enclosing values, as it
    /// does for a key a dictionary lacks.
    func child(named name: String) -> Any? {
        names.firstIndex(of: name).map { values[$0].forTemplate }
    }

    /// Each value with its kind, each name and text with its length, in name order, so that no two
    /// sets of values run together into the same bytes.
    func digest(into bytes: inout [UInt8]) {
        PageValue.append(kind: 2, count: names.count, to: &bytes)
        for index in names.indices {
            PageValue.append(names[index], to: &bytes)
            values[index].digest(into: &bytes)
        }
    }
}

/// One value a template is given.
enum PageValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case values(PageValues)
    case list([PageValues])
    case texts([String])
    case numbers([Int])
    /// Made into text only when the page is laid out (the local graph's JSON), and read by the digest
    /// for what it is made from, so that a kept page never pays for the text.
    case made(any MadeForPage)

    /// What Mustache sees: the values as Swift's own types, which its sections and transforms know.
    fileprivate var forTemplate: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .number(let number): number
        case .values(let values): values
        case .list(let list): list
        case .texts(let texts): texts
        case .numbers(let numbers): numbers
        case .made(let made): made
        }
    }

    fileprivate func digest(into bytes: inout [UInt8]) {
        switch self {
        case .text(let text): Self.append(text, to: &bytes)
        case .values(let values): values.digest(into: &bytes)
        case .list(let list):
            Self.append(kind: 3, count: list.count, to: &bytes)
            for values in list { values.digest(into: &bytes) }
        case .texts(let texts):
            Self.append(kind: 8, count: texts.count, to: &bytes)
            for text in texts { Self.append(text, to: &bytes) }
        case .numbers(let numbers):
            Self.append(kind: 9, count: numbers.count, to: &bytes)
            for number in numbers { Self.append(kind: 5, count: number, to: &bytes) }
        case .flag(let flag): Self.append(kind: 4, count: flag ? 1 : 0, to: &bytes)
        case .number(let number): Self.append(kind: 5, count: number, to: &bytes)
        case .made(let made):
            bytes.append(7)
            made.madeFrom.digest(into: &bytes)
        }
    }

    fileprivate static func append(_ string: String, to bytes: inout [UInt8]) {
        append(kind: 1, count: string.utf8.count, to: &bytes)
        bytes += string.utf8
    }

    fileprivate static func append(kind: UInt8, count: Int, to bytes: inout [UInt8]) {
        bytes.append(kind)
        withUnsafeBytes(of: Int64(count).littleEndian) { bytes += $0 }
    }
}

/// A value made into text only when its page is laid out.
protocol MadeForPage: MustacheCustomRenderable {
    /// Everything the text is made from, for the page's digest.
    var madeFrom: PageValues { get }
}

extension PageValue {
    /// Text when there is some, else left out: Mustache would show an Optional in `Any` as "nil".
    static func text(ifAny text: String?) -> PageValue? {
        text.map { .text($0) }
    }
}
