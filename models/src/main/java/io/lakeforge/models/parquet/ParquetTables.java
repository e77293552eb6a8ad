package io.lakeforge.models.parquet;

import io.lakeforge.models.ModelFormatException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads and writes {@link ModelTable}s as Parquet without Spark, straight into primitive arrays. A
 * table is a folder with one part file (the layout Spark writes, so Spark, pandas and pyarrow read
 * it as a dataset); reading also accepts a single file and the folders older Lakeforge versions
 * wrote through Spark. {@code array<double>} is the standard three-level LIST.
 */
public final class ParquetTables {
  static final String PART_FILE = "part-00000.snappy.parquet";

  private ParquetTables() {}

  /** Writes {@code table} as the folder {@code uri}; an existing folder is an error. */
  public static void write(Configuration conf, String uri, ModelTable table) throws IOException {
    Path dir = new Path(uri);
    FileSystem fs = dir.getFileSystem(conf);
    if (fs.exists(dir)) {
      throw new IOException(uri + " already exists; model data is never overwritten");
    }
    MessageType schema = schemaOf(table);
    try (ParquetWriter<Integer> w =
        new RowWriter(HadoopOutputFile.fromPath(new Path(dir, PART_FILE), conf), schema, table)
            .withConf(conf)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (int i = 0; i < table.rows(); i++) {
        w.write(i);
      }
    }
  }

  /** Reads a table folder (all its data files, in name order) or a single Parquet file. */
  public static ModelTable read(Configuration conf, String uri) throws IOException {
    Path p = new Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus st;
    try {
      st = fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      throw new ModelFormatException(uri + " does not exist; expected model data (Parquet)", e);
    }
    List<Path> files = new ArrayList<>();
    if (st.isDirectory()) {
      FileStatus[] children = fs.listStatus(p);
      Arrays.sort(children);
      for (FileStatus c : children) {
        String n = c.getPath().getName();
        if (c.isFile() && !n.startsWith("_") && !n.startsWith(".") && c.getLen() > 0) {
          files.add(c.getPath());
        }
      }
    } else {
      files.add(p);
    }
    if (files.isEmpty()) {
      throw new ModelFormatException(uri + " holds no Parquet file; expected model data");
    }
    Sink sink = null;
    for (Path f : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(f, conf))) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        if (sink == null) {
          sink = new Sink(schema, uri);
        }
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          RecordReader<Void> rr = io.getRecordReader(pages, sink.materializer(schema));
          for (long r = 0; r < pages.getRowCount(); r++) {
            rr.read();
          }
        }
      } catch (RuntimeException e) {
        if (e instanceof ModelFormatException) {
          throw e;
        }
        throw new ModelFormatException(f + " is not readable as model data: " + e.getMessage(), e);
      }
    }
    return sink.table();
  }

  static MessageType schemaOf(ModelTable table) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (ModelTable.Column c : table.columns()) {
      switch (c.type()) {
        case INT -> b.required(PrimitiveTypeName.INT32).named(c.name());
        case LONG -> b.required(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> b.required(PrimitiveTypeName.DOUBLE).named(c.name());
        case STRING ->
            b.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(c.name());
        case DOUBLE_ARRAY ->
            b.requiredList().requiredElement(PrimitiveTypeName.DOUBLE).named(c.name());
      }
    }
    return b.named("lakeforge_model_data");
  }

  /** Writes the rows of a table; the record is the row index. */
  private static final class RowWriter extends ParquetWriter.Builder<Integer, RowWriter> {
    private final MessageType schema;
    private final ModelTable table;

    RowWriter(org.apache.parquet.io.OutputFile file, MessageType schema, ModelTable table) {
      super(file);
      this.schema = schema;
      this.table = table;
    }

    @Override
    protected RowWriter self() {
      return this;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return new WriteSupport<>() {
        private RecordConsumer rc;

        @Override
        public WriteContext init(Configuration configuration) {
          return new WriteContext(schema, Map.of("writer", "lakeforge"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
          rc = recordConsumer;
        }

        @Override
        public void write(Integer row) {
          rc.startMessage();
          List<ModelTable.Column> cols = table.columns();
          for (int f = 0; f < cols.size(); f++) {
            ModelTable.Column c = cols.get(f);
            Object col = table.raw(c.name());
            if (c.type() == ModelTable.Type.STRING && ((String[]) col)[row] == null) {
              continue;
            }
            rc.startField(c.name(), f);
            switch (c.type()) {
              case INT -> rc.addInteger(((int[]) col)[row]);
              case LONG -> rc.addLong(((long[]) col)[row]);
              case DOUBLE -> rc.addDouble(((double[]) col)[row]);
              case STRING -> rc.addBinary(Binary.fromString(((String[]) col)[row]));
              case DOUBLE_ARRAY -> writeList(((double[][]) col)[row]);
            }
            rc.endField(c.name(), f);
          }
          rc.endMessage();
        }

        private void writeList(double[] values) {
          rc.startGroup();
          if (values.length > 0) {
            rc.startField("list", 0);
            for (double v : values) {
              rc.startGroup();
              rc.startField("element", 0);
              rc.addDouble(v);
              rc.endField("element", 0);
              rc.endGroup();
            }
            rc.endField("list", 0);
          }
          rc.endGroup();
        }
      };
    }
  }

  /** Collects the rows of every file of one table into growing column buffers. */
  private static final class Sink {
    private final List<ModelTable.Column> columns = new ArrayList<>();
    private final List<ColumnBuffer> buffers = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final String uri;

    Sink(MessageType schema, String uri) {
      this.uri = uri;
      for (Type t : schema.getFields()) {
        ModelTable.Type type = typeOf(t);
        byName.put(t.getName(), columns.size());
        columns.add(new ModelTable.Column(t.getName(), type));
        buffers.add(new ColumnBuffer(type));
      }
    }

    private ModelTable.Type typeOf(Type t) {
      if (t.isPrimitive()) {
        PrimitiveType p = t.asPrimitiveType();
        if (t.isRepetition(Type.Repetition.REPEATED)) {
          return requireDouble(p, t.getName());
        }
        return switch (p.getPrimitiveTypeName()) {
          case INT32 -> ModelTable.Type.INT;
          case INT64 -> ModelTable.Type.LONG;
          case DOUBLE, FLOAT -> ModelTable.Type.DOUBLE;
          case BINARY -> ModelTable.Type.STRING;
          default -> throw unsupported(t);
        };
      }
      Type element = listElement(t.asGroupType());
      if (element == null || !element.isPrimitive()) {
        throw unsupported(t);
      }
      return requireDouble(element.asPrimitiveType(), t.getName());
    }

    private ModelTable.Type requireDouble(PrimitiveType p, String name) {
      if (p.getPrimitiveTypeName() != PrimitiveTypeName.DOUBLE
          && p.getPrimitiveTypeName() != PrimitiveTypeName.FLOAT) {
        throw new ModelFormatException(
            uri
                + ": column "
                + name
                + " is a list of "
                + p.getPrimitiveTypeName()
                + "; expected a list of doubles");
      }
      return ModelTable.Type.DOUBLE_ARRAY;
    }

    private ModelFormatException unsupported(Type t) {
      return new ModelFormatException(
          uri
              + ": column "
              + t.getName()
              + " has the unsupported "
              + "type "
              + t
              + "; expected int, long, double, string or array<double>");
    }

    /** The element of a LIST group in the three-level or the legacy two-level layout. */
    static Type listElement(GroupType g) {
      if (g.getFieldCount() != 1) {
        return null;
      }
      Type repeated = g.getType(0);
      if (repeated.isPrimitive()) {
        return repeated;
      }
      GroupType rg = repeated.asGroupType();
      return rg.getFieldCount() == 1 ? rg.getType(0) : null;
    }

    RecordMaterializer<Void> materializer(MessageType schema) {
      List<Converter> converters = new ArrayList<>();
      for (Type t : schema.getFields()) {
        Integer idx = byName.get(t.getName());
        if (idx == null) {
          throw new ModelFormatException(uri + ": its files have different columns");
        }
        ColumnBuffer buf = buffers.get(idx);
        converters.add(
            buf.type == ModelTable.Type.DOUBLE_ARRAY && !t.isPrimitive()
                ? new ListConverter(buf, t.asGroupType())
                : buf.scalarConverter());
      }
      GroupConverter root =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return converters.get(fieldIndex);
            }

            @Override
            public void start() {}

            @Override
            public void end() {
              for (ColumnBuffer b : buffers) {
                b.endRow();
              }
            }
          };
      return new RecordMaterializer<>() {
        @Override
        public Void getCurrentRecord() {
          return null;
        }

        @Override
        public GroupConverter getRootConverter() {
          return root;
        }
      };
    }

    ModelTable table() {
      ModelTable.Builder b = ModelTable.builder();
      for (int c = 0; c < columns.size(); c++) {
        b.put(columns.get(c), buffers.get(c).values(), buffers.get(c).rows);
      }
      return b.build();
    }
  }

  /** A LIST group converter: three-level (list / element) or two-level (repeated primitive). */
  private static final class ListConverter extends GroupConverter {
    private final ColumnBuffer buf;
    private final Converter child;

    ListConverter(ColumnBuffer buf, GroupType list) {
      this.buf = buf;
      Type repeated = list.getType(0);
      PrimitiveConverter element = buf.elementConverter();
      child =
          repeated.isPrimitive()
              ? element
              : new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                  return element;
                }

                @Override
                public void start() {}

                @Override
                public void end() {}
              };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      buf.present = true;
    }

    @Override
    public void end() {}
  }

  /** One column's values as they arrive, row by row, in an array of the column's own type. */
  private static final class ColumnBuffer {
    final ModelTable.Type type;
    int rows;
    boolean present;
    private Object values;
    private int capacity = 16;
    private double[] element = new double[64];
    private int elements;
    private long longValue;
    private double doubleValue;
    private String stringValue;

    ColumnBuffer(ModelTable.Type type) {
      this.type = type;
      this.values = newArray(capacity);
    }

    private Object newArray(int n) {
      return switch (type) {
        case INT -> new int[n];
        case LONG -> new long[n];
        case DOUBLE -> new double[n];
        case STRING -> new String[n];
        case DOUBLE_ARRAY -> new double[n][];
      };
    }

    PrimitiveConverter scalarConverter() {
      return type == ModelTable.Type.DOUBLE_ARRAY
          ? elementConverter()
          : new PrimitiveConverter() {
            @Override
            public void addInt(int v) {
              present = true;
              longValue = v;
              doubleValue = v;
            }

            @Override
            public void addLong(long v) {
              present = true;
              longValue = v;
              doubleValue = v;
            }

            @Override
            public void addDouble(double v) {
              present = true;
              doubleValue = v;
            }

            @Override
            public void addFloat(float v) {
              addDouble(v);
            }

            @Override
            public void addBinary(Binary v) {
              present = true;
              stringValue = new String(v.getBytes(), StandardCharsets.UTF_8);
            }
          };
    }

    PrimitiveConverter elementConverter() {
      return new PrimitiveConverter() {
        @Override
        public void addDouble(double v) {
          present = true;
          if (elements == element.length) {
            element = Arrays.copyOf(element, elements * 2);
          }
          element[elements++] = v;
        }

        @Override
        public void addFloat(float v) {
          addDouble(v);
        }
      };
    }

    void endRow() {
      if (rows == capacity) {
        capacity *= 2;
        Object grown = newArray(capacity);
        System.arraycopy(values, 0, grown, 0, rows);
        values = grown;
      }
      switch (type) {
        case INT -> ((int[]) values)[rows] = present ? (int) longValue : 0;
        case LONG -> ((long[]) values)[rows] = present ? longValue : 0L;
        case DOUBLE -> ((double[]) values)[rows] = present ? doubleValue : Double.NaN;
        case STRING -> ((String[]) values)[rows] = present ? stringValue : null;
        case DOUBLE_ARRAY -> ((double[][]) values)[rows] = Arrays.copyOf(element, elements);
      }
      rows++;
      present = false;
      elements = 0;
      stringValue = null;
    }

    Object values() {
      Object out = newArray(rows);
      System.arraycopy(values, 0, out, 0, rows);
      return out;
    }
  }
}
