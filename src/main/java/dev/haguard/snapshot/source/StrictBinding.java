package dev.haguard.snapshot.source;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * What the file reader's mapper refuses beyond fabric8's binding: values the API server never
 * returns, which fabric8 takes (and the analysis then misreads or fails on) or fails on with an
 * exception of its own instead of a binding error naming the field. The kept form's own readers
 * (KeptShape) bind scalars through this mapper, and refuse null items the same way.
 */
public final class StrictBinding {
  /**
   * Fields the API requires, of objects whose fields the analysis reads without a guard: missing or
   * null in a hand-edited file, each made it fail (exit 3). By class, the fields' JSON names, which
   * are their bean names.
   */
  private static final Map<Class<?>, List<String>> REQUIRED = Map.of(
      NodeAddress.class, List.of("type", "address"),
      NodeSelectorRequirement.class, List.of("key", "operator"),
      TopologySelectorLabelRequirement.class, List.of("key"),
      StorageClass.class, List.of("provisioner"));
  private static final String REQUIRED_MISSING = "missing (or null), and the API requires it";

  private StrictBinding() {}

  /** Configures {@code mapper}, which fabric8's KubernetesSerialization configured already. */
  public static void configure(ObjectMapper mapper) {
    // A boolean or a number where the API has a string: the API server refuses it, Jackson would
    // take its text. A condition's status: True, unquoted (YAML 1.2 reads a boolean), became
    // "true", which the rules do not read as Ready. Every string of the model, in every kind read.
    MutableCoercionConfig strings = mapper.coercionConfigFor(LogicalType.Textual);
    for (CoercionInputShape scalar : List.of(CoercionInputShape.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float)) {
      strings.setCoercion(scalar, CoercionAction.Fail);
    }
    // A null item in a list (taints: [null]) or a null value in a map (matchLabels: {app: null}):
    // kubectl never writes one, and the rules fail on it (an InvalidNullException, with its path).
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    mapper.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    mapper.registerModule(new SimpleModule("haguard-strict-binding").setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
          JsonDeserializer<?> deserializer) {
        if (deserializer.handledType() == Integer.class) {
          return new NoEmptyInteger(deserializer);
        }
        List<String> required = REQUIRED.get(bean.getBeanClass());
        return required == null ? deserializer : new Required(deserializer, getters(bean.getBeanClass(), required));
      }
    }));
  }

  private static List<Method> getters(Class<?> type, List<String> fields) {
    return fields.stream().map(field -> {
      try {
        return type.getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(type.getName() + " has no field " + field, e);
      }
    }).toList();
  }

  /**
   * fabric8's integer deserializer hands {@code ""} to Jackson's number parser, which fails with a
   * StringIndexOutOfBoundsException ({@code replicas: ""} was exit 3); refused here as Jackson
   * refuses {@code " "}, so that the error names the field.
   */
  private static final class NoEmptyInteger extends DelegatingDeserializer {
    NoEmptyInteger(JsonDeserializer<?> fabric8s) {
      super(fabric8s);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> contextual) {
      return new NoEmptyInteger(contextual);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING) && p.getText().isEmpty()) {
        return context.handleWeirdStringValue(Integer.class, "", "not a valid `java.lang.Integer` value");
      }
      return super.deserialize(p, context);
    }
  }

  /** An object bound as fabric8 binds it, then refused when one of its {@link #REQUIRED} fields is missing. */
  private static final class Required extends DelegatingDeserializer {
    private final List<Method> getters;

    Required(JsonDeserializer<?> fabric8s, List<Method> getters) {
      super(fabric8s);
      this.getters = getters;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> contextual) {
      return new Required(contextual, getters);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
      Object bound = super.deserialize(p, context);
      for (Method getter : getters) {
        if (value(getter, bound) == null) {
          String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
          throw JsonMappingException.wrapWithPath(
              MismatchedInputException.from(p, getter.getReturnType(), REQUIRED_MISSING), bound, field);
        }
      }
      return bound;
    }

    private static Object value(Method getter, Object bound) {
      try {
        return getter.invoke(bound);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot call " + getter, e);
      }
    }
  }
}
