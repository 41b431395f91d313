package dev.zmqkeepalive.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Publishes a tick every second on the {@code ticks} socket and logs what the
 * {@code ticks-in} socket receives. Profiles {@code publisher} and {@code subscriber} run
 * one side each.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
