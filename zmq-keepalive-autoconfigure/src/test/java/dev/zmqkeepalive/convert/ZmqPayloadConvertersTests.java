package dev.zmqkeepalive.convert;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ZmqPayloadConvertersTests {

	private final ZmqPayloadConverters json = new ZmqPayloadConverters(
			List.of(new JacksonJsonPayloadConverter(JsonMapper.builder().build())));

	record Tick(String symbol, long price) {
	}

	@Test
	void whenARecordIsSentThenItIsWrittenAsJsonAndReadBack() {
		byte[] payload = this.json.toPayload(new Tick("ACME", 42));
		assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"symbol\":\"ACME\",\"price\":42}");
		assertThat(this.json.get(Tick.class).fromPayload(payload, Tick.class)).isEqualTo(new Tick("ACME", 42));
	}

	@Test
	void whenAGenericTypeIsReadThenItsTypeArgumentsAreUsed() {
		byte[] payload = "[{\"symbol\":\"A\",\"price\":1}]".getBytes(StandardCharsets.UTF_8);
		var type = new TypeReference<List<Tick>>() {
		}.getType();
		assertThat(this.json.get(type).fromPayload(payload, type)).isEqualTo(List.of(new Tick("A", 1)));
	}

	@Test
	void whenStringsAndBytesAreSentThenTheyAreNotWrittenAsJson() {
		assertThat(this.json.toPayload("héllo")).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
		byte[] bytes = { 1, 2, 3 };
		assertThat(this.json.toPayload(bytes)).isSameAs(bytes);
	}

	@Test
	void whenAPayloadIsNotJsonForTheTypeThenTheErrorSaysSoWithoutThePayload() {
		byte[] payload = "not json, secret=hunter2".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(ZmqPayloadConversionException.class)
			.isThrownBy(() -> this.json.get(Tick.class).fromPayload(payload, Tick.class))
			.withMessageStartingWith("Payload of 24 bytes is not JSON for ")
			.withMessageContaining(Tick.class.getName().replace('$', '$'))
			.withMessageNotContaining("hunter2");
	}

	@Test
	void whenAPayloadIsJsonNullThenItIsAConversionFailureNotANullArgument() {
		assertThatExceptionOfType(ZmqPayloadConversionException.class)
			.isThrownBy(() -> this.json.get(Tick.class).fromPayload("null".getBytes(), Tick.class))
			.withMessageContaining("JSON null");
	}

	@Test
	void whenJacksonIsAbsentThenARecordHasNoConverterAndTheErrorSaysWhatToAdd() {
		ZmqPayloadConverters plain = ZmqPayloadConverters.textAndBinary();
		assertThat(plain.find(Tick.class)).isNull();
		assertThatExceptionOfType(ZmqPayloadConversionException.class)
			.isThrownBy(() -> plain.toPayload(new Tick("A", 1)))
			.withMessageContaining("No payload converter for " + Tick.class.getTypeName())
			.withMessageContaining("jackson-databind")
			.withMessageContaining("ZmqPayloadConverter bean");
	}

	@Test
	void whenTheApplicationHasAConverterThenItIsAskedBeforeJson() {
		ZmqPayloadConverter upper = new ZmqPayloadConverter() {

			@Override
			public boolean canConvert(java.lang.reflect.Type type) {
				return type == Tick.class;
			}

			@Override
			public byte[] toPayload(Object payload) {
				return ((Tick) payload).symbol().getBytes(StandardCharsets.UTF_8);
			}

			@Override
			public Object fromPayload(byte[] payload, java.lang.reflect.Type type) {
				return new Tick(new String(payload, StandardCharsets.UTF_8), 0);
			}

		};
		ZmqPayloadConverters converters = new ZmqPayloadConverters(
				List.of(upper, new JacksonJsonPayloadConverter(JsonMapper.builder().build())));
		assertThat(converters.toPayload(new Tick("ACME", 42))).isEqualTo("ACME".getBytes(StandardCharsets.UTF_8));
	}

}
