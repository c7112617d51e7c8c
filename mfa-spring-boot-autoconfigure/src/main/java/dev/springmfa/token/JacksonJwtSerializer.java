package dev.springmfa.token;

import java.io.OutputStream;
import java.util.Map;

import io.jsonwebtoken.io.AbstractSerializer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the JSON of jjwt's headers and claims with Jackson 3, for
 * {@link io.jsonwebtoken.JwtBuilder#json}. jjwt ships a binding for Jackson 2 only
 * ({@code jjwt-jackson}); this one keeps Jackson 2 out of the application. It has a
 * mapper of its own, so that no setting of the application's mapper changes a claim.
 *
 * @see JacksonJwtDeserializer
 */
public final class JacksonJwtSerializer extends AbstractSerializer<Map<String, ?>> {

	/**
	 * The mapper of the pair: duplicate claims fail the parse (jjwt does the same on
	 * Jackson 2), and jjwt closes its streams itself.
	 */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	@Override
	protected void doSerialize(Map<String, ?> value, OutputStream out) {
		MAPPER.writeValue(out, value);
	}

}
