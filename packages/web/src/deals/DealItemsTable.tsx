import { Table, Typography } from 'antd';
import { useDetailText } from '../detail/useDetailText';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../records/format';
import type { DealItem } from './dealTypes';

/** The deal's products, read-only: quantity × unit price less the discount, and the total. */
export function DealItemsTable({ items, currency }: { items: DealItem[]; currency: string }) {
  const { locale } = useI18n();
  const t = useDetailText();
  const money = (v: number) => formatMoney(v, currency, locale);
  const total = items.reduce((n, i) => n + i.amount, 0);
  return (
    <Table<DealItem>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...items].sort((a, b) => a.position - b.position)}
      locale={{ emptyText: t.deal.noItems }}
      columns={[
        { key: 'product', title: t.deal.product, render: (_, i) => i.product_name ?? i.product_id },
        {
          key: 'quantity',
          title: t.deal.quantity,
          align: 'right',
          render: (_, i) => i.quantity.toLocaleString(locale),
        },
        { key: 'unit', title: t.deal.unitPrice, align: 'right', render: (_, i) => money(i.unit_price) },
        {
          key: 'discount',
          title: t.deal.discount,
          align: 'right',
          render: (_, i) => (i.discount_percent ? `${i.discount_percent}%` : '—'),
        },
        { key: 'amount', title: t.deal.lineAmount, align: 'right', render: (_, i) => money(i.amount) },
      ]}
      summary={() =>
        items.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              <Typography.Text strong>{t.deal.total}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{money(total)}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
