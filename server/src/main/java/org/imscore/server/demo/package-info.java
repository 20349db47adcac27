/**
 * {@code imscore demo}: a whole IMS call flow on the all-in-one core, drawn as a sequence diagram.
 *
 * <ul>
 *   <li>{@link org.imscore.server.demo.DemoCommand}: the CLI ({@code --hold SECONDS}); prints the diagram and a
 *       one-line verdict, exit 0 when the flow went as expected.</li>
 *   <li>{@link org.imscore.server.demo.SequenceDiagram}: fixed-width text chart, one column per element and one
 *       arrow per message ({@code render(List<Arrow>)}).</li>
 *   <li>{@code Trace}: a {@link org.imscore.server.run.CoreObserver} that turns what the functions send and receive
 *       into arrows, each message once; {@code DemoCall}: the flow itself, with the built-in test UE as alice and
 *       bob.</li>
 * </ul>
 */
package org.imscore.server.demo;
