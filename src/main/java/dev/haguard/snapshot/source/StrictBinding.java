package dev.haguard.snapshot.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;

/**
 * What the file reader's mapper refuses beyond fabric8's binding: values the API server never
 * returns, which fabric8 takes or fails on with an exception of its own instead of a binding error
 * naming the field.
 */
public final class StrictBinding {
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
    mapper.registerModule(new SimpleModule("haguard-strict-binding").setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
          JsonDeserializer<?> deserializer) {
        return deserializer.handledType() == Integer.class ? new NoEmptyInteger(deserializer) : deserializer;
      }
    }));
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
}
