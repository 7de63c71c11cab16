import Foundation

enum FileHandleOutput {
    static func writeToStandardError(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }

    static func writeToStandardOutput(_ string: String) {
        FileHandle.standardOutput.write(Data(string.utf8))
    }
}
