package io.promptwatch.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of tests that run inside the server: the EAR the build produced (same name, so
 * the same application as every other IT deploys, one test class at a time) plus a small WAR with
 * the test classes. The WAR is marked as the one Arquillian's servlet protocol goes into (the EAR
 * has two WARs then); Arquillian adds its own libraries to the EAR's lib. The test classes see the
 * EJB module's beans as web-api does.
 */
final class InContainer {

    private static final String WAR = "promptwatch-it.war";
    private static final String APPLICATION_XML = "META-INF/application.xml";

    private InContainer() {
    }

    static EnterpriseArchive ear(Class<?>... testClasses) {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("promptwatch.ear")));
        WebArchive tests = ShrinkWrap.create(WebArchive.class, WAR)
                .addClasses(testClasses)
                .addClasses(InContainer.class, InContainerMechanism.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        ear.addAsModule(Testable.archiveToTest(tests));
        // Payara deploys the modules application.xml lists: list the WAR after the application's own.
        String xml = read(ear);
        int end = xml.lastIndexOf("</module>") + "</module>".length();
        String module = "<module><web><web-uri>" + WAR + "</web-uri><context-root>/promptwatch-it</context-root></web></module>";
        ear.delete(APPLICATION_XML);
        ear.setApplicationXML(new StringAsset(xml.substring(0, end) + module + xml.substring(end)));
        return ear;
    }

    private static String read(EnterpriseArchive ear) {
        try (InputStream in = ear.get(APPLICATION_XML).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the EAR's application.xml", e);
        }
    }
}
