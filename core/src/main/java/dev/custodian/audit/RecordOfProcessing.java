package dev.custodian.audit;

import dev.custodian.client.ClientId;
import java.util.List;
import java.util.Objects;

/**
 * The processor's record of the processing it carries out for one controller (GDPR 30(2)).
 *
 * @param processor (a) the processor's name and contact details and those of its DPO
 * @param controller (a) the controller: the client
 * @param controllerName the client's name as the host knows it, or its id
 * @param processingCategories (b) the categories of processing carried out for the client
 * @param transfers (c) transfers to third countries, with the safeguards of each
 * @param securityMeasures (d) a general description of the security measures (GDPR 32(1))
 */
public record RecordOfProcessing(
    ProcessorIdentity processor,
    ClientId controller,
    String controllerName,
    List<String> processingCategories,
    List<Transfer> transfers,
    String securityMeasures) {

  /** One transfer of personal data outside the EEA, or to a company established outside it. */
  public record Transfer(String recipient, String country, String countryName, String safeguards) {}

  public RecordOfProcessing {
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(controllerName, "controllerName");
    processingCategories = List.copyOf(processingCategories);
    transfers = List.copyOf(transfers);
    Objects.requireNonNull(securityMeasures, "securityMeasures");
  }
}
