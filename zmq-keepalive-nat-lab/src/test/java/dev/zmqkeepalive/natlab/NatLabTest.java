package dev.zmqkeepalive.natlab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every NAT lab test class shares: the prerequisite check and the report.
 */
abstract class NatLabTest {

	// Per test, not per class: surefire then lists every lab test as skipped, with the reason.
	@BeforeEach
	void checkPrerequisites() {
		LabAssumptions.assumeLabCanRun();
	}

	@AfterAll
	static void printReport() {
		LabReport.print();
	}

}
