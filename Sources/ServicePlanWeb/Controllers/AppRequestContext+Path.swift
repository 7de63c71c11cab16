import Hummingbird

extension AppRequestContext {
    /// A path parameter as the person wrote it: `ULS%201` → `ULS 1`. Plan codes and refs are
    /// always decoded here, so `/plans/UL%53` and `/plans/ULS` name the same plan.
    func pathValue(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
