package dev.haguard.snapshot;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets every empty list and map of a fabric8 model object, and of the model objects it holds, to
 * null, and makes its other lists immutable copies. fabric8's constructors (and so its builders and
 * its JSON binding) give each list field and {@code additionalProperties} a new empty collection, and
 * each list an array of ten; in a cache of small objects those are a good part of the heap. Readers
 * of the cache treat null and empty alike (the model's JSON does too), and an immutable list makes
 * a reader that would change a cached object fail at once.
 */
final class CompactModel {
  /** A collection or model-object property of a model class: its getter and setter. */
  private record Property(Method getter, Method setter) {}

  private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
    @Override
    protected List<Property> computeValue(Class<?> type) {
      List<Property> properties = new ArrayList<>();
      for (Method getter : type.getMethods()) {
        Class<?> t = getter.getReturnType();
        boolean relevant = List.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)
            || KubernetesResource.class.isAssignableFrom(t);
        if (!relevant || !getter.getName().startsWith("get") || getter.getParameterCount() != 0
            || Modifier.isStatic(getter.getModifiers())) {
          continue;
        }
        try {
          Method setter = type.getMethod("set" + getter.getName().substring(3), t);
          // Public methods of public classes: accessible already, and the check per call is what costs.
          getter.setAccessible(true);
          setter.setAccessible(true);
          properties.add(new Property(getter, setter));
        } catch (NoSuchMethodException readOnly) {
          // Derived or read-only: nothing to set.
        }
      }
      return List.copyOf(properties);
    }
  };

  private CompactModel() {}

  /** {@code o}, changed in place. */
  static <T> T apply(T o) {
    if (o instanceof KubernetesResource) {
      compact(o);
    }
    return o;
  }

  private static void compact(Object o) {
    try {
      for (Property p : PROPERTIES.get(o.getClass())) {
        Object value = p.getter().invoke(o);
        if (value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
          p.setter().invoke(o, (Object) null);
        } else if (value instanceof List<?> l) {
          l.forEach(CompactModel::apply);
          if (!l.contains(null)) {
            p.setter().invoke(o, List.copyOf(l));
          }
        } else if (value instanceof KubernetesResource) {
          compact(value);
        }
      }
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot trim " + o.getClass().getName(), e);
    }
  }
}
