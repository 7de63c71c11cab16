import ServicePlanStore
/// The rules a password chosen in a form meets, for `/account/password` and the reset link's
/// form alike: the field at fault and what to do, or nil.
enum NewPassword {
    static func problem(password: String, confirm: String) -> (field: String, message: String)? {
        if password.count < 12 { return ("password", "Enter a password of at least 12 characters") }
        if password.count > RequestLimits.passwordLength || password.utf8.count > SQLAccountRepository.longestPasswordBytes {
            // bcrypt reads 72 bytes: a longer password would sign in by its first 72 alone.
            return ("password", "Enter a password of at most \(SQLAccountRepository.longestPasswordBytes) bytes: 72 plain letters, fewer with accents or symbols")
        }
        if password != confirm { return ("confirm", "Enter the same password twice") }
        return nil
    }
}
