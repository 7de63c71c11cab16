/// The rules a password chosen in a form meets, for `/account/password` and the reset link's
/// form alike: the field at fault and what to do, or nil.
enum NewPassword {
    static func problem(password: String, confirm: String) -> (field: String, message: String)? {
        if password.count < 12 { return ("password", "Enter a password of at least 12 characters") }
        if password.count > RequestLimits.passwordLength {
            return ("password", "Enter a password of at most \(RequestLimits.passwordLength) characters")
        }
        if password != confirm { return ("confirm", "Enter the same password twice") }
        return nil
    }
}
