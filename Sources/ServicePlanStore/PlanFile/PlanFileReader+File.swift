import Foundation
import ServicePlanDomain

extension PlanFileReader {
    /// Reads and checks the plan file at `path` without storing it (`serviceplan diff A.yaml
    /// B.yaml`); `path` as given is the name used in messages. The size is checked before the
    /// file is read, so a huge file is refused without being loaded.
    public static func readFile(at path: String) throws(PlanFileError) -> ServicePlan {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        if let size, size > PlanFileText.maximumBytes {
            throw PlanFileError(file: path, line: nil, field: .root, violation: RuleViolation(
                value: nil, rule: "is \(size) bytes; a plan file may have at most \(PlanFileText.maximumBytes)"))
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw PlanFileError(file: path, line: nil, field: .root, violation: RuleViolation(value: nil, rule: "is a folder, not a plan file"))
        }
        // Read through a handle, at most one byte past the limit: a device such as /dev/zero
        // reports no size and never ends.
        let data: Data
        do {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw PlanFileError(file: path, line: nil, field: .root, violation: RuleViolation(value: nil, rule: "cannot be read"))
            }
            defer { try? handle.close() }
            data = try handle.read(upToCount: PlanFileText.maximumBytes + 1) ?? Data()
        } catch let error as PlanFileError {
            throw error
        } catch {
            throw PlanFileError(file: path, line: nil, field: .root, violation: RuleViolation(value: nil, rule: "cannot be read: \(error.localizedDescription)"))
        }
        if data.count > PlanFileText.maximumBytes {
            throw PlanFileError(file: path, line: nil, field: .root, violation: RuleViolation(
                value: nil, rule: "is over \(PlanFileText.maximumBytes) bytes, the most a plan file may have"))
        }
        let bytes = Array(data)
        if let line = PlanFileText.invalidUTF8Line(bytes) {
            throw PlanFileError(file: path, line: line, field: .root,
                                violation: RuleViolation(value: nil, rule: "is not UTF-8 text: save the file as UTF-8"))
        }
        return try read(String(decoding: bytes, as: UTF8.self), file: path)
    }
}
