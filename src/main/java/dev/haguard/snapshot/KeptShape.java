package dev.haguard.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The kept form of a fabric8 model class, declared as the properties kept and how each value is
 * kept ({@link KeptFields} declares them). One declaration, two readers: {@link #trim} builds the
 * kept form of a bound object (the informers, the live reader), {@link #read} binds a token stream
 * straight into it (the file reader), skipping every other field unbound. Objects are made with no
 * collection in them (fabric8's constructors give every list and {@code additionalProperties} a new
 * empty one): a property absent or empty stays null, as {@link CompactModel} leaves a bound object,
 * and one fabric8's constructor gives a value (an apiVersion) has it unless the input says otherwise.
 * Values kept whole (affinity terms, selectors, tolerations) are bound by the mapper, as fabric8
 * binds them, and compacted.
 */
final class KeptShape {
  private static final TypeFactory TYPES = TypeFactory.defaultInstance();

  /** How one kept value is read from tokens and trimmed from a bound value. */
  interface Value {
    /**
     * The value the parser is on (its first token), parser left on its last token; null for none.
     * A token this reader does not take (a string where a list belongs) is bound as {@code declared}
     * by the mapper, which refuses it as fabric8's binding would, or takes it as that would.
     */
    Object read(JsonParser p, JavaType declared) throws IOException;

    /** The kept form of a bound value; null for none. */
    Object trim(Object bound);
  }

  private final Class<?> type;
  private final JavaType javaType;
  private final Constructor<?> allArguments;
  private final Method clearAdditional;
  private final Map<String, Property> properties = new HashMap<>();
  /** An object as fabric8's no-argument constructor (and so its JSON binding) makes it: whence the defaults. */
  private final Object asConstructed;
  /** The kept properties fabric8's constructor gives a value (an apiVersion, a kind), with that value. */
  private final List<Default> defaults = new ArrayList<>();
  /** Whether an object none of whose kept properties is set is no object (an affinity without the kept terms). */
  private boolean noneIsNull;

  private record Property(String name, Method getter, Method setter, JavaType declared, Value value) {}

  private record Default(Method setter, Object value) {}

  private KeptShape(Class<?> type) {
    this.type = type;
    this.javaType = TYPES.constructType(type);
    // Every argument null: no empty list made only to be thrown away.
    this.allArguments = Arrays.stream(type.getConstructors()).max((a, b) -> a.getParameterCount() - b.getParameterCount())
        .orElseThrow();
    // Every fabric8 model class has one today; a class without it simply has no map to clear.
    this.clearAdditional = Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals("setAdditionalProperties") && m.getParameterCount() == 1)
        .findFirst().orElse(null);
    try {
      this.asConstructed = type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type.getName() + " cannot be made as fabric8 binds it", e);
    }
    // Public members of public classes: accessible already, and the check on every call is what costs.
    allArguments.setAccessible(true);
    if (clearAdditional != null) {
      clearAdditional.setAccessible(true);
    }
  }

  /** The shape of {@code type} with no property yet. */
  static KeptShape of(Class<?> type) {
    return new KeptShape(type);
  }

  /** Keeps property {@code name} (its JSON name, which is its bean name), its value kept as {@code value}. */
  KeptShape keep(String name, Value value) {
    String bean = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Method getter = method(type, "get" + bean);
    Method setter = method(type, "set" + bean, getter.getReturnType());
    getter.setAccessible(true);
    setter.setAccessible(true);
    Object byDefault = invoke(getter, asConstructed);
    if (byDefault != null && !(byDefault instanceof Collection<?>) && !(byDefault instanceof Map<?, ?>)) {
      defaults.add(new Default(setter, byDefault));
    }
    properties.put(name, new Property(name, getter, setter,
        TYPES.constructType(getter.getGenericReturnType()), value));
    return this;
  }

  /** Keeps property {@code name} whole, as bound (compacted). */
  KeptShape whole(String name) {
    return keep(name, WHOLE);
  }

  /** An object with none of its kept properties set is kept as null. */
  KeptShape noneIsNull() {
    noneIsNull = true;
    return this;
  }

  /** The kept form of {@code bound}, a new object. */
  Object trim(Object bound) {
    if (bound == null) {
      return null;
    }
    Object kept = create();
    boolean any = false;
    for (Property p : properties.values()) {
      Object value = p.value().trim(invoke(p.getter(), bound));
      if (value != null) {
        invoke(p.setter(), kept, value);
        any = true;
      }
    }
    return noneIsNull && !any ? null : kept;
  }

  /** The kept form of the object the parser is on (its START_OBJECT), parser left on its END_OBJECT. */
  Object read(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return p.currentToken() == JsonToken.VALUE_NULL ? null : trim(bound(p, javaType));
    }
    return readFields(p);
  }

  private Object readFields(JsonParser p) throws IOException {
    Object kept = create();
    boolean any = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      Property property = properties.get(name);
      if (property == null) {
        p.skipChildren();
        continue;
      }
      Object value;
      try {
        value = property.value().read(p, property.declared());
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, kept, name);
      }
      if (value != null) {
        invoke(property.setter(), kept, value);
        any = true;
      }
    }
    return noneIsNull && !any ? null : kept;
  }

  /** As a value of an enclosing shape. */
  Value asValue() {
    return new Value() {
      @Override
      public Object read(JsonParser p, JavaType declared) throws IOException {
        return KeptShape.this.read(p);
      }

      @Override
      public Object trim(Object bound) {
        return KeptShape.this.trim(bound);
      }
    };
  }

  private Object create() {
    try {
      Object o = allArguments.newInstance(new Object[allArguments.getParameterCount()]);
      if (clearAdditional != null) {
        clearAdditional.invoke(o, (Object) null);
      }
      for (Default d : defaults) {
        d.setter().invoke(o, d.value());
      }
      return o;
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot make a " + type.getName(), e);
    }
  }

  // ---- values ----

  /** A string, interned when it repeats across objects (namespaces, kinds, images, label values). */
  static Value string(boolean intern) {
    return new Value() {
      @Override
      public Object read(JsonParser p, JavaType declared) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          return kept(p.getText());
        }
        return p.currentToken() == JsonToken.VALUE_NULL ? null : kept((String) bound(p, declared));
      }

      @Override
      public Object trim(Object bound) {
        return kept((String) bound);
      }

      private String kept(String s) {
        return intern && s != null ? s.intern() : s;
      }
    };
  }

  /**
   * A value bound whole by the mapper, as fabric8 binds it (scalars other than strings, sub-objects
   * kept as they are), compacted; an empty map is none. Booleans and ints are taken
   * straight from their token.
   */
  static final Value WHOLE = new Value() {
    @Override
    public Object read(JsonParser p, JavaType declared) throws IOException {
      JsonToken t = p.currentToken();
      Class<?> raw = declared.getRawClass();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      } else if (raw == Boolean.class && (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE)) {
        return t == JsonToken.VALUE_TRUE;
      } else if (raw == Integer.class && t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        return p.getIntValue();
      }
      return trim(bound(p, declared));
    }

    @Override
    public Object trim(Object bound) {
      return bound instanceof Map<?, ?> m && m.isEmpty() ? null : CompactModel.apply(bound);
    }
  };

  /**
   * A list of {@code item}s; null when empty or absent. Items {@code keep} refuses are left out; a
   * list shorter than {@code minimum} is none. A null item read is refused, as the file reader's
   * mapper refuses one in the lists it binds: the API never writes one, and the rules would fail on
   * it. Trimmed, a null item stays (a bound object's lists come from the API server: none has one).
   */
  static Value list(Value item, Predicate<Object> keep, int minimum) {
    return new Value() {
      @Override
      public Object read(JsonParser p, JavaType declared) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          return p.currentToken() == JsonToken.VALUE_NULL ? null : trim(bound(p, declared));
        }
        List<Object> items = new ArrayList<>();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          try {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
              throw InvalidNullException.from(null, null, declared.getContentType());
            }
            Object each = item.read(p, declared.getContentType());
            if (keep.test(each)) {
              items.add(each);
            }
          } catch (JsonMappingException e) {
            throw JsonMappingException.wrapWithPath(e, items, index);
          }
          index++;
        }
        return kept(items);
      }

      @Override
      public Object trim(Object bound) {
        if (bound == null) {
          return null;
        }
        List<Object> items = new ArrayList<>();
        for (Object each : (List<?>) bound) {
          Object kept = each == null ? null : item.trim(each);
          if (keep.test(kept)) {
            items.add(kept);
          }
        }
        return kept(items);
      }

      private List<Object> kept(List<Object> items) {
        if (items.isEmpty() || items.size() < minimum) {
          return null;
        }
        return items.contains(null) ? Collections.unmodifiableList(items) : List.copyOf(items);
      }
    };
  }

  static Value list(Value item) {
    return list(item, each -> true, 1);
  }

  /** A list of values kept whole. */
  static Value listOfWhole() {
    return list(WHOLE);
  }

  /**
   * The table a map of strings starts with: room for the three labels most objects have (a map
   * made with the default capacity keeps a sixteen-slot table however few its entries, in every pod).
   */
  private static final int SMALL_MAP = 4;

  /**
   * A map of strings, null when empty; keys interned, values too when they repeat across objects;
   * {@code dropped} keys left out. A null value read is refused, as a list's null item is.
   */
  static Value strings(boolean internValues, Set<String> dropped) {
    return new Value() {
      @Override
      public Object read(JsonParser p, JavaType declared) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          return p.currentToken() == JsonToken.VALUE_NULL ? null : trim(bound(p, declared));
        }
        Map<String, String> kept = new LinkedHashMap<>(SMALL_MAP);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken t = p.nextToken();
          String value;
          try {
            if (t == JsonToken.VALUE_NULL) {
              throw InvalidNullException.from(null, null, declared.getContentType());
            }
            value = t == JsonToken.VALUE_STRING ? p.getText() : (String) bound(p, declared.getContentType());
          } catch (JsonMappingException e) {
            throw JsonMappingException.wrapWithPath(e, kept, key);
          }
          if (!dropped.contains(key)) {
            kept.put(key.intern(), internValues && value != null ? value.intern() : value);
          }
        }
        return kept.isEmpty() ? null : kept;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Object trim(Object bound) {
        if (bound == null) {
          return null;
        }
        Map<String, String> kept = new LinkedHashMap<>(Math.max(SMALL_MAP, ((Map<?, ?>) bound).size() * 4 / 3 + 1));
        ((Map<String, String>) bound).forEach((key, value) -> {
          if (!dropped.contains(key)) {
            kept.put(key.intern(), internValues && value != null ? value.intern() : value);
          }
        });
        return kept.isEmpty() ? null : kept;
      }
    };
  }

  // ---- binding through the mapper ----

  private record ReaderKey(ObjectMapper mapper, JavaType type) {}

  private static final Map<ReaderKey, ObjectReader> READERS = new ConcurrentHashMap<>();

  /** The value the parser is on, bound by the mapper the parser reads for (fabric8's, configured by it). */
  private static Object bound(JsonParser p, JavaType type) throws IOException {
    ObjectMapper mapper = (ObjectMapper) p.getCodec();
    return READERS.computeIfAbsent(new ReaderKey(mapper, type), k -> k.mapper().readerFor(k.type())).readValue(p);
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no " + name, e);
    }
  }

  private static Object invoke(Method m, Object target, Object... arguments) {
    try {
      return m.invoke(target, arguments);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot call " + m, e);
    }
  }
}
