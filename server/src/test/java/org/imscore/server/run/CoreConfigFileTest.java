package org.imscore.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.imscore.sip.proxy.ForkingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** imscore.yaml: keys laid over the defaults; every kind of bad input named by its key. */
class CoreConfigFileTest {

  @Test
  void theExampleFileAtTheRepositoryRootIsExactlyTheDefaults() {
    assertThat(CoreConfigFile.load(Path.of("..", "imscore.example.yaml"))).isEqualTo(CoreConfig.defaults());
  }

  @Test
  void anEmptyFileIsTheDefaults() {
    assertThat(CoreConfigFile.parse("", "t.yaml")).isEqualTo(CoreConfig.defaults());
    assertThat(CoreConfigFile.parse("# nothing\n", "t.yaml")).isEqualTo(CoreConfig.defaults());
  }

  @Test
  void keysOverrideOnlyWhatTheyName() {
    CoreConfig c = CoreConfigFile.parse("""
        domain: ims.example.org
        scscf:
          port: 7060
        hss:
          store: MEMORY
        hosts:
          scscf2.ims.example.org: 10.0.0.7
        """, "t.yaml");

    assertThat(c.domain()).isEqualTo("ims.example.org");
    assertThat(c.scscf().port()).isEqualTo(7060);
    assertThat(c.scscf().listen()).isEqualTo("127.0.0.1");
    assertThat(c.scscf().maxExpires()).isEqualTo(600_000);
    assertThat(c.hss().store()).isEqualTo(CoreConfig.Store.MEMORY);
    assertThat(c.hss().apiPort()).isEqualTo(8080);
    assertThat(c.hosts()).isEqualTo(Map.of("scscf2.ims.example.org", "10.0.0.7"));
  }

  @Test
  void forkingIsParallelByDefaultAndNamedInAnyCase() {
    CoreConfig c = CoreConfigFile.parse("""
        scscf:
          forking: Sequential
          branchTimeoutSeconds: 8
        """, "t.yaml");

    assertThat(CoreConfig.defaults().scscf().forking()).isEqualTo(ForkingMode.PARALLEL);
    assertThat(c.scscf().forking()).isEqualTo(ForkingMode.SEQUENTIAL);
    assertThat(c.scscf().branchTimeoutSeconds()).isEqualTo(8);
    assertThat(c.scscf().noAnswerSeconds()).isEqualTo(60);
  }

  @Test
  void numbersAreAFreeTableOfTheScscf() {
    CoreConfig c = CoreConfigFile.parse("""
        scscf:
          numbers:
            "+15550100": sip:carol@partner.example.net
            "+4930*": "sip:{number}@gw.example.net;user=phone"
        """, "t.yaml");

    assertThat(CoreConfig.defaults().scscf().numbers()).isEmpty();
    assertThat(c.scscf().numbers()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "+15550100", "sip:carol@partner.example.net", "+4930*", "sip:{number}@gw.example.net;user=phone"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key        | pcsf: {}                          | unknown key 'pcsf'
      unknown nested key           | pcscf: {prot: 5070}               | unknown key 'pcscf.prot'
      port not a number            | scscf: {port: seventy}            | bad value for 'scscf.port'
      port out of range            | scscf: {port: 70000}              | 'scscf.port' 70000 is not a port
      negative port                | hss: {apiPort: -1}                | 'hss.apiPort' -1 is not a port
      listen not an IP             | icscf: {listen: icscf.local}      | 'icscf.listen' icscf.local is not an IP
      section not a mapping        | pcscf: 5060                       | 'pcscf' must be a mapping
      unknown store                | hss: {store: postgres}            | bad value for 'hss.store'
      expiry limits out of order   | scscf: {minExpires: 7200}         | 'scscf.minExpires'
      unknown forking mode         | scscf: {forking: serial}          | bad value for 'scscf.forking'
      branch time of zero          | scscf: {branchTimeoutSeconds: 0}  | 'scscf.branchTimeoutSeconds' must be at least 1
      negative no-answer time      | scscf: {noAnswerSeconds: -5}      | 'scscf.noAnswerSeconds' must be at least 1
      local number not global      | scscf: {numbers: {'5550100': 'sip:c@x.net'}} | 'scscf.numbers': number '5550100': write a global number
      number target not a URI      | scscf: {numbers: {'+15550100': nowhere}} | 'scscf.numbers': number '+15550100': target 'nowhere' is not a URI
      host entry not an IP         | hosts: {x.example: somewhere}     | 'hosts.x.example' somewhere is not an IP
      not YAML                     | pcscf: {port: [1                  | not valid YAML
      domain with a space          | domain: ims example               | 'domain' ims example is not a domain
      """)
  void badInputStopsWithTheKeyNamed(String what, String yaml, String message) {
    assertThatThrownBy(() -> CoreConfigFile.parse(yaml, "imscore.yaml"))
        .isInstanceOf(CoreConfigFile.ConfigException.class)
        .hasMessageStartingWith("imscore.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> CoreConfigFile.load(Path.of("no-such-imscore.yaml")))
        .hasMessage("no-such-imscore.yaml: no such file");
  }
}
