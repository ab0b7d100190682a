/** Texts of list export (zh-CN, the source of every key). */
export const exportsZhCN = {
  button: '导出',
  csv: 'CSV（逗号分隔）',
  xlsx: 'Excel（.xlsx）',
  started: '正在导出，文件将自动下载',
};

export type ExportsMessages = typeof exportsZhCN;
