import Mustache

/// A view model as the Mustache templates see it, with each struct's fields looked up by name in
/// a dictionary instead of by reflection.
///
/// swift-mustache finds `{{name}}` in a plain struct with `Mirror(reflecting:).children.filter`,
/// which reflects every field of the struct for each lookup, and again at each level of the
/// context stack it climbs when the name is not there. A profile of the plan page put 60 % of its
/// time in those lookups. `TemplateValue.wrap` reflects each struct once, when a template first
/// looks inside it, and answers every later lookup from the dictionary it made.
///
/// What a template sees is unchanged: a field holding nil is absent (the lookup climbs to the
/// enclosing context, as with `Mirror`); arrays stay sequences, in order; strings, numbers, Bools,
/// enums and anything with its own Mustache behaviour or `description` are passed as they are.
public enum TemplateValue {
    /// `value`, with its structs and classes (and those inside them) answering lookups by name.
    public static func wrap(_ value: Any) -> Any {
        wrapped(value) ?? value
    }

    /// nil for an Optional holding nothing.
    static func wrapped(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double, is Substring,
             is MustacheParent, is MustacheCustomRenderable, is MustacheCustomRepresentation,
             is MustacheLambda, is MustacheTemplate:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrappedValue = mirror.children.first?.value else { return nil }
            return wrapped(wrappedValue)
        case .struct, .class:
            // A type with its own `description` is printed by `{{x}}`: keep it as it is.
            return value is CustomStringConvertible ? value : Fields(value)
        case .collection:
            // Only arrays of structs need wrapping; an array of strings or numbers is left as it
            // is, so Mustache's `sorted` transform keeps its element type.
            guard let elements = value as? [Any], elements.contains(where: needsWrapping) else { return value }
            return elements.map { wrapped($0) ?? Optional<Any>.none as Any }
        default:
            return value
        }
    }

    private static func needsWrapping(_ value: Any) -> Bool {
        switch Mirror(reflecting: value).displayStyle {
        case .struct, .class: return !(value is CustomStringConvertible)
        case .optional, .collection: return true
        default: return false
        }
    }

    /// One struct's or class's fields by name, made on the first lookup. A class, not a struct:
    /// the dictionary is kept between lookups. Used only while one template renders, on one thread.
    final class Fields: MustacheParent {
        private let value: Any
        private var fields: [String: Any]?

        init(_ value: Any) {
            self.value = value
        }

        func child(named name: String) -> Any? {
            if let fields { return fields[name] }
            var made: [String: Any] = [:]
            var mirror: Mirror? = Mirror(reflecting: value)
            while let current = mirror {
                for child in current.children {
                    guard let label = child.label, made[label] == nil, let field = TemplateValue.wrapped(child.value) else { continue }
                    made[label] = field
                }
                mirror = current.superclassMirror
            }
            fields = made
            return made[name]
        }
    }
}
