package io.vireo.eval.datasets.voc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Parses VOC annotation XML. Flags follow the devkit (VOCreadxml + VOCreadrecxml): {@code difficult}
 * and {@code truncated} are true only when the element holds "1"; an empty or missing element is
 * false (tools like labelme write {@code <difficult/>}).
 */
public final class VocXml {

    private VocXml() {
    }

    public static VocAnnotation parse(Path xml) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // Annotation files come from elsewhere: no DTDs, no external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(xml.toFile());
        } catch (Exception e) {
            throw new IllegalArgumentException("annotation " + xml + " is not readable XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"annotation".equals(root.getTagName())) {
            throw new IllegalArgumentException("annotation " + xml + ": root element is <" + root.getTagName() + ">, not <annotation>");
        }
        String id = xml.getFileName().toString().replaceFirst("\\.xml$", "");
        Element size = child(root, "size");
        int width = size == null ? 0 : (int) number(child(size, "width"), xml, "size/width");
        int height = size == null ? 0 : (int) number(child(size, "height"), xml, "size/height");
        List<VocObject> objects = new ArrayList<>();
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals("object")) {
                String name = text(child(e, "name"));
                int cls = VocClasses.index(name);
                if (cls < 0) {
                    throw new IllegalArgumentException("annotation " + xml + ": object class '" + name + "' is not one of "
                            + VocClasses.NAMES);
                }
                Element box = child(e, "bndbox");
                if (box == null) {
                    throw new IllegalArgumentException("annotation " + xml + ": object '" + name + "' has no <bndbox>");
                }
                VocObject o = new VocObject(name.trim(), cls, number(child(box, "xmin"), xml, "xmin"),
                        number(child(box, "ymin"), xml, "ymin"), number(child(box, "xmax"), xml, "xmax"),
                        number(child(box, "ymax"), xml, "ymax"), flag(child(e, "difficult")), flag(child(e, "truncated")));
                if (o.xmax() < o.xmin() || o.ymax() < o.ymin()) {
                    throw new IllegalArgumentException("annotation " + xml + ": object '" + name + "' has an empty box");
                }
                objects.add(o);
            }
        }
        return new VocAnnotation(id, text(child(root, "filename")), width, height, objects);
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().trim();
    }

    private static boolean flag(Element e) {
        return "1".equals(text(e));
    }

    private static double number(Element e, Path xml, String what) {
        String t = text(e);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("annotation " + xml + ": <" + what + "> is '" + t + "', not a number", ex);
        }
    }
}
