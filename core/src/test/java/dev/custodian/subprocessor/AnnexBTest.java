package dev.custodian.subprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custodian.spi.Subprocessor;
import dev.custodian.spi.TransferMechanism;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnexBTest {

  /**
   * Annex B of the contract (reference/dpa-fr.txt), transcribed row by row: name, activities,
   * server location, measures covering the transfer. Kept as the contract writes it.
   */
  private static final String CONTRACT_TABLE = """
      SCALEWAY | Stockage de nos bases de données, cloud service, load balancer d’API & CDN/S3 | FRANCE | N/A
      DATAPACKET | Stockage de nos bases de données, serveurs web, serveurs Telecom | FRANCE | N/A
      CLOUDFLARE | DNS et load balancer d’API | ÉTATS-UNIS | Pas de transfert hors UE, option data localization suite (données stockées en UE)
      BTS EUROPE SA | Service de télécommunication (Voix & SMS) | ESPAGNE | N/A
      COLT | Location de numéros | ROYAUME-UNI | CCT
      VONAGE | Location de numéros et SMS | ÉTATS-UNIS | CCT
      LEGOS | Location de numéros | FRANCE | N/A
      ORANGE | Location de numéros | FRANCE | N/A
      VOXBONE | Location de numéros | BELGIQUE | N/A
      BICS | Service de télécommunication, SIP TRUNK et appels d’urgence | BELGIQUE | N/A
      TOFANE | Service de télécommunication, terminaison internationale | FRANCE | N/A
      TATA COMMUNICATIONS | Service de télécommunication, terminaison internationale | ROYAUME-UNI | CCT
      ORANGE INTERNATIONAL CARRIERS | Service de télécommunication internationale en VoIP | FRANCE | N/A
      GETACCEPT | Certification de signature | IRLANDE | N/A
      SALESFORCE | CRM pour la gestion et le suivi des clients | ÉTATS-UNIS | CCT
      ATLASSIAN | Gestion des tickets | AUSTRALIE | CCT
      FINANCIAL FORCE | Gestion de la facturation | ÉTATS-UNIS | CCT
      SENDINBLUE | Mailing | FRANCE | N/A
      SENDGRID | Mailing (prestataire backup de Sendinblue) | ÉTATS-UNIS | CCT
      SLACK | Outil de communication interne | ÉTATS-UNIS | CCT
      DEEPTRANSCRIPT | Transcription de conversation téléphonique | FRANCE | N/A
      DEEPL (avec Empower) | Traduction de la transcription | FINLANDE | N/A
      AZURE OPENAI (avec Empower) | Résumé de la transcription | FRANCE | N/A
      ZENDESK | Gestion des tickets | ÉTATS-UNIS | CCT
      PLANHAT | Gestion de la relation client | BELGIQUE | N/A
      LEADER GPU | Serveurs AI / transcription | PAYS-BAS | N/A
      """;

  private static final Map<String, String> COUNTRY = Map.of(
      "FRANCE", "FR", "ÉTATS-UNIS", "US", "ESPAGNE", "ES", "ROYAUME-UNI", "GB", "BELGIQUE", "BE",
      "IRLANDE", "IE", "AUSTRALIE", "AU", "FINLANDE", "FI", "PAYS-BAS", "NL");

  @Test
  void shippedRegistryIsTheContractsAnnexB_R_SUB_1() {
    List<String[]> rows = CONTRACT_TABLE.lines().map(l -> l.split(" \\| ")).toList();
    List<Subprocessor> shipped = AnnexB.subProcessors();
    assertThat(rows).hasSize(26);
    assertThat(shipped).hasSize(26);
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      Subprocessor sp = shipped.get(i);
      assertThat(sp.name()).as("name of row %d", i + 1).isEqualTo(row[0]);
      assertThat(sp.activities()).as("activities of %s", row[0]).isEqualTo(row[1]);
      assertThat(sp.country()).as("country of %s", row[0]).isEqualTo(COUNTRY.get(row[2]));
      TransferMechanism expected = switch (row[3]) {
        case "N/A" -> TransferMechanism.NONE_INSIDE_EEA;
        case "CCT" -> TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES;
        default -> TransferMechanism.DATA_LOCALISATION;
      };
      assertThat(sp.mechanism()).as("mechanism of %s", row[0]).isEqualTo(expected);
      if (expected != TransferMechanism.NONE_INSIDE_EEA) {
        assertThat(sp.mechanismDetails()).as("wording of %s", row[0]).isEqualTo(row[3]);
      }
    }
  }

  @Test
  void everyShippedEntryPassesTheTransferRulesAndNamesItsAgreement_R_SUB_4_R_SUB_5() {
    for (Subprocessor sp : AnnexB.subProcessors()) {
      assertThat(TransferRules.DEFAULT.problem(sp.country(), sp.mechanism(), sp.mechanismDetails()))
          .as(sp.name()).isEmpty();
      assertThat(sp.agreement()).as(sp.name()).contains("DPA 4.1");
    }
  }

  @Test
  void idsAreUniqueAndCountriesHaveEnglishNames() {
    List<Subprocessor> shipped = AnnexB.subProcessors();
    assertThat(shipped).extracting(Subprocessor::id).doesNotHaveDuplicates();
    assertThat(shipped.get(2).countryName()).isEqualTo("United States");
    assertThat(shipped.get(4).countryName()).isEqualTo("United Kingdom");
  }
}
