package io.lakeforge.jobs.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG string parsed with the JDK's XML parser, with the look-ups chart tests need. */
final class ParsedSvg {

  static final String SVG_NS = "http://www.w3.org/2000/svg";

  final Document doc;
  final Element root;

  private ParsedSvg(Document doc) {
    this.doc = doc;
    this.root = doc.getDocumentElement();
  }

  /** Parses {@code svg}; fails the test if it is not well-formed XML in the SVG namespace. */
  static ParsedSvg parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // No DTDs or external entities: a chart must stand alone.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      ParsedSvg p = new ParsedSvg(doc);
      assertThat(p.root.getLocalName()).isEqualTo("svg");
      assertThat(p.root.getNamespaceURI()).isEqualTo(SVG_NS);
      return p;
    } catch (Exception e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
    }
  }

  double width() {
    return Double.parseDouble(root.getAttribute("width"));
  }

  double height() {
    return Double.parseDouble(root.getAttribute("height"));
  }

  /** Elements named {@code tag} anywhere in the document. */
  List<Element> all(String tag) {
    NodeList nodes = doc.getElementsByTagNameNS(SVG_NS, tag);
    List<Element> out = new ArrayList<>(nodes.getLength());
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  /** Elements named {@code tag} with {@code cls} among their classes. */
  List<Element> all(String tag, String cls) {
    return all(tag).stream()
        .filter(e -> Arrays.asList(e.getAttribute("class").split(" ")).contains(cls))
        .toList();
  }

  /** Elements named {@code tag} inside a group whose class is {@code groupClass}. */
  List<Element> inGroup(String groupClass, String tag) {
    List<Element> out = new ArrayList<>();
    for (Element g : all("g", groupClass)) {
      NodeList nodes = g.getElementsByTagNameNS(SVG_NS, tag);
      for (int i = 0; i < nodes.getLength(); i++) {
        out.add((Element) nodes.item(i));
      }
    }
    return out;
  }

  /** The tick labels of the axis group {@code axisClass} ("x-axis", "y-axis"), in order. */
  List<Element> ticks(String axisClass) {
    return inGroup(axisClass, "text").stream()
        .filter(e -> e.getAttribute("class").equals("tick"))
        .toList();
  }

  /** Text content of every {@code <text>} with class {@code cls}. */
  List<String> texts(String cls) {
    return all("text", cls).stream().map(Element::getTextContent).toList();
  }

  /** All visible text, to check what a reader sees. */
  List<String> allTexts() {
    return all("text").stream().map(Element::getTextContent).toList();
  }

  static double num(Element e, String attribute) {
    String v = e.getAttribute(attribute);
    assertThat(v).as("%s of <%s>", attribute, e.getLocalName()).isNotEmpty();
    return Double.parseDouble(v);
  }

  /** The {@code (x, y)} pairs of a polyline's points attribute. */
  static List<double[]> points(Element polyline) {
    List<double[]> out = new ArrayList<>();
    for (String p : polyline.getAttribute("points").trim().split("\\s+")) {
      out.add(Arrays.stream(p.split(",")).mapToDouble(Double::parseDouble).toArray());
    }
    return out;
  }

  /** The hover text of an element (its {@code <title>} child). */
  static String tooltip(Element e) {
    NodeList titles = e.getElementsByTagNameNS(SVG_NS, "title");
    return titles.getLength() == 0 ? null : titles.item(0).getTextContent();
  }
}
