// libFuzzer target: the raw-memory types of Sources/Bytes against plain-Swift models, under the
// address sanitizer. The first bytes choose a scanner (up to five stop bytes, a threshold, whether
// non-ASCII stops); the rest is text to scan, append in pieces, copy back and walk with cursors.
// Any disagreement traps; any read or write out of bounds is an ASan report. Run with .ci/fuzz.sh.
import Bytes

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard input.count >= 2 else { return 0 }
    // The scanner.
    let settings = input[0]
    let stopCount = min(Int(settings & 7), 5, input.count - 2)
    let stopBytes = Array(input[2..<(2 + stopCount)])
    let below = UInt8(min(Int(input[1]), 0x80)) & (settings & 8 != 0 ? 0xFF : 0)
    let nonASCII = settings & 16 != 0
    let scanner = ByteScanner(stoppingAt: stopBytes, below: below, nonASCII: nonASCII)
    let text = Array(input[(2 + stopCount)...])

    func isStop(_ b: UInt8) -> Bool { stopBytes.contains(b) || b < below || (nonASCII && b >= 0x80) }

    // Every stop, found from every start, agrees with a byte-by-byte search.
    for start in 0...text.count {
        let expected = text[start...].firstIndex(where: isStop) ?? text.count
        let found = scanner.firstStop(in: text.span, from: start)
        precondition(found == expected, "firstStop(from: \(start)) = \(found), expected \(expected)")
    }
    for b in 0...255 { precondition(scanner.stops(at: UInt8(b)) == isStop(UInt8(b)), "stops(at: \(b))") }

    // The buffer: pieces of the text appended in sizes the settings choose, then copies of
    // ranges already written, against an array doing the same.
    var buffer = ByteBuffer(capacity: Int(settings >> 5))
    var model: [UInt8] = []
    var i = 0
    var piece = 1 + Int(settings >> 4)
    while i < text.count {
        let end = min(text.count, i + piece)
        if piece % 3 == 0 {
            for b in text[i..<end] { buffer.append(b) }
        } else {
            buffer.append(text.span.extracting(i..<end))
        }
        model.append(contentsOf: text[i..<end])
        if end - i >= 2, model.count >= 4 {
            let lo = Int(text[i]) % model.count
            let hi = lo + Int(text[i + 1]) % (model.count - lo + 1)
            buffer.appendCopy(of: lo..<hi)
            model.append(contentsOf: model[lo..<hi])
        }
        i = end
        piece = piece % 17 + 1
    }
    buffer.append("<&>")
    model.append(contentsOf: Array("<&>".utf8))
    precondition(buffer.count == model.count && buffer.array == model, "ByteBuffer differs from the model")
    var copied: [UInt8] = []
    buffer.appendContents(to: &copied)
    precondition(copied == model, "appendContents differs")
    let spanned = buffer.withSpan { s in (0..<s.count).map { s[$0] } }
    precondition(spanned == model, "withSpan differs")

    // Words read from any offset where eight bytes fit, first byte lowest.
    if text.count >= 8 {
        for offset in 0...(text.count - 8) {
            var expected: UInt64 = 0
            for k in (0..<8).reversed() { expected = expected << 8 | UInt64(text[offset + k]) }
            precondition(text.span.loadWord(at: offset) == expected, "loadWord(at: \(offset))")
            precondition(text.span.uncheckedLoadWord(at: offset) == expected, "uncheckedLoadWord(at: \(offset))")
        }
    }

    // The cursor: checked and unchecked reads agree within bounds; nil past the end.
    var cursor = ByteCursor(text)
    var walked: [UInt8] = []
    while !cursor.isAtEnd {
        let unchecked = cursor.uncheckedPeek()
        precondition(cursor.peek() == unchecked, "uncheckedPeek differs")
        if cursor.remaining >= 2 { precondition(cursor.uncheckedPeek(1) == cursor.peek(1), "uncheckedPeek(1) differs") }
        if unchecked & 1 == 0 {
            guard let b = cursor.next() else { preconditionFailure("next() at \(cursor.position)") }
            walked.append(b)
        } else {
            walked.append(unchecked)
            cursor.uncheckedAdvance()
        }
        if unchecked == 0x7B, cursor.hasPrefix("true") { precondition(text[cursor.position..<cursor.position + 4].elementsEqual("true".utf8)) }
    }
    precondition(walked == text && cursor.next() == nil && cursor.peek() == nil, "cursor walk differs")
    var skipper = ByteCursor(text)
    while skipper.skip(until: scanner) != nil {
        precondition(isStop(text[skipper.position]), "skip(until:) stopped at a byte that is no stop")
        skipper.advance()
    }

    // Skipping one byte and runs of stop bytes, comparing runs and counting scalars, against
    // the same done by hand.
    var runner = ByteCursor(text)
    while !runner.isAtEnd {
        let start = runner.position
        let run = runner.skip(while: isStop)
        let expectedRun = text[start...].prefix(while: isStop).count
        precondition(run == expectedRun && runner.position == start + run, "skip(while:) at \(start)")
        guard let b = runner.peek() else { break }
        precondition(!runner.skip(b &+ 1) && runner.skip(b), "skip(_:) at \(runner.position)")
    }
    precondition(runner.skip(while: { _ in true }) == 0 && !runner.skip(0), "skips past the end")
    if text.count >= 2 {
        let a = Int(text[0]) % text.count, b = Int(text[1]) % text.count
        let count = Int(settings) % (text.count - max(a, b) + 1)
        precondition(runner.bytesEqual(at: a, b, count: count) == text[a..<a + count].elementsEqual(text[b..<b + count]), "bytesEqual")
        let range = min(a, b)..<max(a, b)
        precondition(runner.scalarCount(in: range) == text[range].count(where: { $0 & 0xC0 != 0x80 }), "scalarCount")
    }

    // The element buffer against an array.
    var elements = ElementBuffer<UInt32>(capacity: Int(settings & 3))
    for (k, b) in text.enumerated() { elements.append(UInt32(b) << 8 | UInt32(k & 0xFF)) }
    precondition(elements.array == text.enumerated().map { UInt32($1) << 8 | UInt32($0 & 0xFF) }, "ElementBuffer differs")
    return 0
}
