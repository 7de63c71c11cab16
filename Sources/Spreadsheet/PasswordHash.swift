/// Excel's legacy 16-bit sheet-protection hash (ECMA-376 Part 4, 14.7.1), as hex for `sheetProtection@password`.
/// It only deters casual edits; anyone can remove it.
enum PasswordHash {
    static func legacyHex(_ password: String) -> String {
        // The algorithm works on single-byte characters; take the low byte of each UTF-16 unit like Excel does.
        let bytes = password.utf16.prefix(15).map { Int($0 & 0xFF) }
        var hash = 0
        for (offset, byte) in bytes.enumerated() {
            let shifted = byte << (offset + 1)
            let rotated = (shifted >> 15) | (shifted & 0x7FFF)
            hash ^= rotated
        }
        hash ^= bytes.count
        hash ^= 0xCE4B
        return String(hash, radix: 16, uppercase: true)
    }
}
